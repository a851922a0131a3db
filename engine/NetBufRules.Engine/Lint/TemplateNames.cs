using NetBufRules.Compile;
using NetBufRules.Model;
using NetBufRules.Render;
using Scriban.Syntax;

namespace NetBufRules.Lint;

/// <summary>
/// The names a Scriban template reads, from its syntax tree (<see cref="ScriptVisitor"/>): comments and raw text are
/// not in the tree, so a name mentioned there is not read; a member (<c>row.status</c>) is not the variable of that
/// name, while a variable that is the target of a member access, an index or a call's argument is read.
/// </summary>
internal sealed class TemplateNames
{
    private TemplateNames(IReadOnlySet<string> variables, IReadOnlySet<string> paths)
    {
        Variables = variables;
        Paths = paths;
    }

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
        return new TemplateNames(walker.Variables, walker.Paths);
    }

    private sealed class Walker : ScriptVisitor
    {
        public HashSet<string> Variables { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);

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
