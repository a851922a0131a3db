using NCalc;
using NCalc.Visitors;
using NetBufRules.Compile;
using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;

namespace NetBufRules.Lint;

/// <summary>
/// What a condition uses, read from its NCalc syntax tree rather than its text: every name and every call with its
/// number of arguments, each at its place in the playbook. A word inside a quoted string is no name, and a name that
/// contains another (<c>min_somaxconn</c>, <c>min_somaxcon</c>) is not mistaken for it.
/// </summary>
internal sealed class ConditionTree
{
    private ConditionTree(IReadOnlyList<ConditionUse> names, IReadOnlyList<ConditionUse> calls)
    {
        Names = names;
        Calls = calls;
    }

    /// <summary>Each use of a name (param, probe, <c>probe.field</c>, a row's column), in the order written.</summary>
    public IReadOnlyList<ConditionUse> Names { get; }

    /// <summary>Each function call, in the order written, with its argument count.</summary>
    public IReadOnlyList<ConditionUse> Calls { get; }

    /// <summary>The uses of a condition that parsed; null for one with a syntax error (reported as NBR010).</summary>
    public static ConditionTree? Read(CompiledCondition compiled)
    {
        if (compiled.Tree is null) return null;
        var walker = new Walker();
        compiled.Tree.Accept(walker);
        // NCalc's nodes carry no position: the tree is walked in source order (operands left to right, a call's name
        // before its arguments), so the n-th use of a name in the tree is its n-th occurrence among the text's tokens.
        var dotted = DottedNames.Rewrite(compiled.Source.Text);
        var tokens = Tokens(dotted.Rewritten);
        var cursor = 0;
        var names = new List<ConditionUse>();
        var calls = new List<ConditionUse>();
        foreach (var (name, isCall, arguments) in walker.Uses)
        {
            var at = compiled.Source.Start;
            for (var i = cursor; i < tokens.Count; i++)
            {
                if (tokens[i].Name != name || tokens[i].IsCall != isCall) continue;
                at = compiled.Source.AtOffset(dotted.ToOriginal(tokens[i].Offset));
                cursor = i + 1;
                break;
            }
            (isCall ? calls : names).Add(new ConditionUse(name, at, arguments));
        }
        return new ConditionTree(names, calls);
    }

    /// <summary>Names and calls of the (rewritten) text with their offsets: words and <c>[bracketed names]</c> outside quotes.</summary>
    private static List<(string Name, bool IsCall, int Offset)> Tokens(string text)
    {
        var tokens = new List<(string, bool, int)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (c == '[')
            {
                var end = text.IndexOf(']', i + 1);
                if (end < 0) break;
                tokens.Add((text[(i + 1)..end], false, i));
                i = end + 1;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var j = i;
                while (j < text.Length && (char.IsAsciiLetterOrDigit(text[j]) || text[j] == '_')) j++;
                var k = j;
                while (k < text.Length && char.IsWhiteSpace(text[k])) k++;
                tokens.Add((text[i..j], k < text.Length && text[k] == '(', i));
                i = j;
            }
            else if (char.IsAsciiDigit(c))
            {
                // A number (1e3, 0.5) is no name, even where it holds letters.
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '.')) i++;
            }
            else
            {
                i++;
            }
        }
        return tokens;
    }

    /// <summary>Collects names and calls in source order.</summary>
    private sealed class Walker : ILogicalExpressionVisitor<bool>
    {
        public List<(string Name, bool IsCall, int Arguments)> Uses { get; } = [];

        public bool Visit(TernaryExpression expression) =>
            expression.LeftExpression.Accept(this) & expression.MiddleExpression.Accept(this) & expression.RightExpression.Accept(this);

        public bool Visit(BinaryExpression expression) => expression.LeftExpression.Accept(this) & expression.RightExpression.Accept(this);

        public bool Visit(UnaryExpression expression) => expression.Expression.Accept(this);

        public bool Visit(ValueExpression expression) => true;

        public bool Visit(Function function)
        {
            Uses.Add((function.Identifier.Name, true, function.Parameters.Count));
            foreach (var argument in function.Parameters) argument.Accept(this);
            return true;
        }

        public bool Visit(Identifier identifier)
        {
            Uses.Add((identifier.Name, false, 0));
            return true;
        }

        public bool Visit(LogicalExpressionList list)
        {
            foreach (var item in list) item.Accept(this);
            return true;
        }
    }
}
