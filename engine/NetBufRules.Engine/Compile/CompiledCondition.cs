using NCalc;
using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Compile;

/// <summary>A condition parsed once: its NCalc syntax tree, the names and functions it uses, or its syntax error.</summary>
internal sealed class CompiledCondition
{
    internal CompiledCondition(LocatedText source, LogicalExpression? tree, IReadOnlyList<string> names, IReadOnlyList<string> functions, Diagnostic? error)
    {
        Source = source;
        Tree = tree;
        Names = names;
        Functions = functions;
        Error = error;
        Roots = [.. names.Select(Root).Distinct(StringComparer.Ordinal)];
    }

    public LocatedText Source { get; }

    /// <summary>
    /// The parsed syntax tree, shared by every evaluation and never changed: each evaluation builds its own NCalc
    /// <see cref="Expression"/> (parameters, functions) over it, so no evaluation sees another's state.
    /// </summary>
    internal LogicalExpression? Tree { get; }

    /// <summary>Identifiers used, dotted names included (<c>tcp_mem.pressure</c>).</summary>
    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> Functions { get; }

    /// <summary>The probes and params the names refer to (<see cref="Root"/>), each once, in the order first used.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>The syntax error, with its position in the file, or null.</summary>
    public Diagnostic? Error { get; }

    /// <summary>The probe or param a name refers to: the part before the first dot.</summary>
    public static string Root(string name) => name.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? name[..dot] : name;
}
