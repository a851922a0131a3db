using System.Runtime.CompilerServices;
using NetBufRules.Model;
using Scriban.Syntax;

namespace NetBufRules.Compile;

/// <summary>
/// The names a Scriban template reads, from its syntax tree (<see cref="ScriptVisitor"/>): comments and raw text are
/// not in the tree, so a name mentioned there is not read; a member (<c>row.status</c>) is not the variable of that
/// name, while a variable that is the target of a member access, an index or a call's argument is read.
/// </summary>
internal sealed class TemplateNames
{
    private TemplateNames(IReadOnlySet<string> variables, IReadOnlySet<string> paths, bool readsWhole)
    {
        Variables = variables;
        Paths = paths;
        ReadsWhole = readsWhole;
    }

    /// <summary>Whether the template reads the global object as a whole (<c>this</c>), so any name may be read through it.</summary>
    public bool ReadsWhole { get; }

    /// <summary>The variables read (<c>status</c>, a probe, <c>rate</c>, a function called by name, a loop variable).</summary>
    public IReadOnlySet<string> Variables { get; }

    /// <summary>The dotted member paths read from a variable: <c>rate.listen.overflows</c>, <c>row.pid</c>.</summary>
    public IReadOnlySet<string> Paths { get; }

    /// <summary>Whether the template reads <paramref name="name"/> as a variable.</summary>
    public bool Reads(string name) => Variables.Contains(name);

    /// <summary>The names <paramref name="text"/> reads (what parsed of it: a syntax error is NBR014).</summary>
    public static TemplateNames Of(LocatedText text)
    {
        var walker = new Walker();
        TemplateCompiler.Compile(text).Template.Page?.Accept(walker);
        return new TemplateNames(walker.Variables, walker.Paths, walker.ReadsWhole);
    }

    /// <summary>
    /// Every variable any template of <paramref name="playbook"/> reads (its messages, ok prose, fix templates and
    /// paths); null when one reads the global object as a whole. Worked out once per playbook.
    /// </summary>
    public static IReadOnlySet<string>? OfPlaybook(Playbook playbook) => PerPlaybook.GetValue(playbook, Collect).Value;

    private static readonly ConditionalWeakTable<Playbook, StrongBox<IReadOnlySet<string>?>> PerPlaybook = new();

    /// <summary>Every template of <paramref name="playbook"/>: its signals' messages and ok prose, its fixes' templates and paths.</summary>
    public static IEnumerable<LocatedText> TemplatesOf(Playbook playbook) =>
        playbook.When.Concat(playbook.AdviseWhen).SelectMany(s => new[] { s.Message, s.Ok }).OfType<LocatedText>()
            .Concat(playbook.Fixes.SelectMany(f => new[] { f.Template, f.Path }));

    private static StrongBox<IReadOnlySet<string>?> Collect(Playbook playbook)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var read in TemplatesOf(playbook).Select(Of))
        {
            if (read.ReadsWhole) return new(null);
            names.UnionWith(read.Variables);
        }
        return new(names);
    }

    private sealed class Walker : ScriptVisitor
    {
        public HashSet<string> Variables { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);

        public bool ReadsWhole { get; private set; }

        public override void Visit(ScriptThisExpression node)
        {
            ReadsWhole = true;
            base.Visit(node);
        }

        public override void Visit(ScriptVariableGlobal node)
        {
            Variables.Add(node.Name);
            base.Visit(node);
        }

        public override void Visit(ScriptVariableLocal node)
        {
            Variables.Add(node.Name);
            base.Visit(node);
        }

        public override void Visit(ScriptMemberExpression node)
        {
            if (PathOf(node) is { } path) Paths.Add(path);
            // The target is read; the member is a name inside it, not a variable of its own.
            node.Target?.Accept(this);
        }

        private static string? PathOf(ScriptExpression? node) => node switch
        {
            ScriptVariable variable => variable.Name,
            ScriptMemberExpression member when PathOf(member.Target) is { } target && member.Member is { } name => target + "." + name.Name,
            _ => null,
        };
    }
}
