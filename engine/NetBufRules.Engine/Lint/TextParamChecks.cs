using NCalc;
using NCalc.Visitors;
using NetBufRules.Compile;
using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Lint;

/// <summary>
/// A param whose value is text, used where a condition needs a number: compared with a number (<c>limit &gt; 5</c>,
/// <c>x.allocated &gt; limit</c>), in arithmetic, or passed to a function of numbers. NCalc only finds out at run time,
/// where the finding becomes an error ("The input string 'lots' was not in a correct format") on every host; lint
/// says so where the param is used (NBR152). Text compared with text (<c>unit == mode</c>, <c>contains(...)</c>) is fine.
/// </summary>
internal static class TextParamChecks
{
    /// <summary>The functions whose arguments must be numbers.</summary>
    private static readonly HashSet<string> NumericFunctions = new(StringComparer.Ordinal) { "max", "min", "ratio", "abs" };

    /// <summary>
    /// The problems of the condition <paramref name="compiled"/> (its uses in <paramref name="tree"/>) with
    /// <paramref name="parameters"/>, into <paramref name="bag"/>; <see cref="ConditionChecks"/> has parsed it already.
    /// </summary>
    public static void Check(CompiledCondition compiled, ConditionTree tree, IReadOnlyList<ParamSpec> parameters, DiagnosticBag bag)
    {
        var text = compiled.Source;
        // A quoted number ("5") is read as a number at run time; only text that is no number fails.
        var texts = parameters.Where(p => p.Value is string s && !double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            .ToDictionary(p => p.Name, p => (string)p.Value, StringComparer.Ordinal);
        if (texts.Count == 0) return;
        if (compiled.Tree is null) return;
        var numbers = parameters.Where(p => p.Value is double).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var walker = new Walker(texts, numbers);
        compiled.Tree.Accept(walker);
        // The walker meets names in the order ConditionTree lists them, so the n-th name it meets is at tree.Names[n].
        foreach (var (index, name, why) in walker.Misused.DistinctBy(m => m.Name))
        {
            var at = index < tree.Names.Count ? tree.Names[index].At : text.Start;
            bag.Error(at, Codes.TextParamAsNumber, $"param '{name}' is text ('{texts[name]}') but {why}: every run would end this finding in an error",
                $"give '{name}' a number (unquoted, e.g. {name}: 5), or compare it with text (e.g. {name} == 'fast')");
        }
    }

    private enum Kind
    {
        Text,
        Number,
        Unknown,
    }

    private sealed class Walker(IReadOnlyDictionary<string, string> texts, IReadOnlySet<string> numbers) : ILogicalExpressionVisitor<Kind>
    {
        private int _names;

        /// <summary>Each text param used as a number: its index among the names met, its name, and how it was used.</summary>
        public List<(int Index, string Name, string Why)> Misused { get; } = [];

        public Kind Visit(TernaryExpression expression)
        {
            expression.LeftExpression.Accept(this);
            var then = expression.MiddleExpression.Accept(this);
            var otherwise = expression.RightExpression.Accept(this);
            return then == otherwise ? then : Kind.Unknown;
        }

        public Kind Visit(BinaryExpression expression)
        {
            var leftAt = _names;
            var left = expression.LeftExpression.Accept(this);
            var rightAt = _names;
            var right = expression.RightExpression.Accept(this);
            switch (expression.Type)
            {
                case BinaryExpressionType.Lesser or BinaryExpressionType.LesserOrEqual or BinaryExpressionType.Greater or BinaryExpressionType.GreaterOrEqual:
                    // Ordering text against anything but text: NCalc turns the text into a number, and fails.
                    if (right != Kind.Text) Flag(expression.LeftExpression, leftAt, "it is compared with a number");
                    if (left != Kind.Text) Flag(expression.RightExpression, rightAt, "it is compared with a number");
                    return Kind.Unknown;
                case BinaryExpressionType.Equal or BinaryExpressionType.NotEqual:
                    if (right == Kind.Number) Flag(expression.LeftExpression, leftAt, "it is compared with a number");
                    if (left == Kind.Number) Flag(expression.RightExpression, rightAt, "it is compared with a number");
                    return Kind.Unknown;
                case BinaryExpressionType.Plus when left == Kind.Text && right == Kind.Text:
                    return Kind.Text;
                case BinaryExpressionType.Plus or BinaryExpressionType.Minus or BinaryExpressionType.Times or BinaryExpressionType.Div or BinaryExpressionType.Modulo:
                    Flag(expression.LeftExpression, leftAt, "it is used in arithmetic");
                    Flag(expression.RightExpression, rightAt, "it is used in arithmetic");
                    return Kind.Number;
                default:
                    return Kind.Unknown;
            }
        }

        public Kind Visit(UnaryExpression expression)
        {
            var at = _names;
            expression.Expression.Accept(this);
            if (expression.Type == UnaryExpressionType.Negate) Flag(expression.Expression, at, "it is used in arithmetic");
            return expression.Type == UnaryExpressionType.Negate ? Kind.Number : Kind.Unknown;
        }

        public Kind Visit(ValueExpression expression) => expression.Value switch
        {
            string or char => Kind.Text,
            bool => Kind.Unknown,
            _ => Kind.Number,
        };

        public Kind Visit(Function function)
        {
            var numeric = NumericFunctions.Contains(function.Identifier.Name);
            foreach (var argument in function.Parameters)
            {
                var at = _names;
                argument.Accept(this);
                if (numeric) Flag(argument, at, $"it is passed to {function.Identifier.Name}(), which takes numbers");
            }
            return numeric ? Kind.Number : Kind.Unknown;
        }

        public Kind Visit(Identifier identifier)
        {
            _names++;
            return texts.ContainsKey(identifier.Name) ? Kind.Text : numbers.Contains(identifier.Name) ? Kind.Number : Kind.Unknown;
        }

        public Kind Visit(LogicalExpressionList list)
        {
            foreach (var item in list) item.Accept(this);
            return Kind.Unknown;
        }

        /// <summary>Records <paramref name="operand"/> when it is a text param (named <paramref name="at"/>-th in the condition).</summary>
        private void Flag(LogicalExpression operand, int at, string why)
        {
            if (operand is Identifier { Name: var name } && texts.ContainsKey(name)) Misused.Add((at, name, why));
        }
    }
}
