using System.Runtime.CompilerServices;
using NCalc;
using NetBufRules.Compile;

namespace NetBufRules.Evaluate;

/// <summary>
/// A condition made only of names, number literals, comparisons, <c>+ - *</c> and <c>&amp;&amp; || !</c>, evaluated
/// without NCalc's interpreter: the answer is true, false, or null ("not sure"), and on null the caller asks NCalc,
/// which stays the only judge of everything else (other types, errors and their messages).
/// </summary>
/// <remarks>
/// Held to NCalc 7's own rules, so a sure answer is NCalc's answer: a comparison or <c>+ - *</c> with a double on
/// one side converts the other side (a double, or an int or long literal) to double and compares with
/// <see cref="double.CompareTo(double)"/>, which equals C#'s operators for numbers that are not NaN; unary minus is
/// <c>0 - x</c>. It is not sure whenever a name's value is no finite double, reading a name fails, or <c>+ - *</c>
/// gives NaN or an infinity (NCalc's overflow protection throws there). Both sides of <c>&amp;&amp;</c> and
/// <c>||</c> are evaluated and either side not sure makes the whole not sure, so NCalc's short-circuit never decides
/// differently. A part with no name in it (<c>2 * 3</c>) is NCalc's: its int arithmetic overflows where double does not.
/// </remarks>
internal sealed class FastCondition
{
    /// <summary>Each condition's closures, built once per process and shared by every thread (they hold no state).</summary>
    private static readonly ConditionalWeakTable<CompiledCondition, FastCondition> Built = new();

    private readonly Func<EvaluationScope, bool?>? _root;

    private FastCondition(Func<EvaluationScope, bool?>? root) => _root = root;

    /// <summary>Whether the condition has the simple shape at all; an ineligible one always answers not sure.</summary>
    public bool Eligible => _root is not null;

    /// <summary>The fast form of <paramref name="compiled"/>, built on first use.</summary>
    public static FastCondition For(CompiledCondition compiled) => Built.GetValue(compiled, Build);

    /// <summary>True or false when sure to be NCalc's answer for <paramref name="scope"/>, otherwise null.</summary>
    public bool? Evaluate(EvaluationScope scope) => _root?.Invoke(scope);

    private static FastCondition Build(CompiledCondition compiled)
    {
        if (compiled.Error is not null || compiled.Tree is null) return new FastCondition(null);
        var names = new HashSet<string>(compiled.Names, StringComparer.Ordinal);
        return new FastCondition(Truth(compiled.Tree, names, depth: 0));
    }

    /// <summary>Deeper trees are left to NCalc: the compiler's nesting limit bounds them anyway, this bounds the recursion here.</summary>
    private const int MaxDepth = 64;

    /// <summary>A node that gives true or false: a comparison, or &amp;&amp; || ! of such nodes.</summary>
    private static Func<EvaluationScope, bool?>? Truth(LogicalExpression node, HashSet<string> names, int depth)
    {
        if (depth > MaxDepth) return null;
        switch (node)
        {
            case BinaryExpression { Type: BinaryExpressionType.And or BinaryExpressionType.Or } logic:
                {
                    var left = Truth(logic.LeftExpression, names, depth + 1);
                    var right = Truth(logic.RightExpression, names, depth + 1);
                    if (left is null || right is null) return null;
                    return logic.Type == BinaryExpressionType.And
                        ? s => left(s) is { } a && right(s) is { } b ? a && b : null
                        : s => left(s) is { } a && right(s) is { } b ? a || b : null;
                }
            case BinaryExpression comparison when IsComparison(comparison.Type):
                {
                    var left = Number(comparison.LeftExpression, names, depth + 1, out var leftNamed);
                    var right = Number(comparison.RightExpression, names, depth + 1, out var rightNamed);
                    if (left is null || right is null || !(leftNamed || rightNamed)) return null;
                    return comparison.Type switch
                    {
                        BinaryExpressionType.Equal => s => Both(left(s), right(s), out var a, out var b) ? a == b : null,
                        BinaryExpressionType.NotEqual => s => Both(left(s), right(s), out var a, out var b) ? a != b : null,
                        BinaryExpressionType.Lesser => s => Both(left(s), right(s), out var a, out var b) ? a < b : null,
                        BinaryExpressionType.LesserOrEqual => s => Both(left(s), right(s), out var a, out var b) ? a <= b : null,
                        BinaryExpressionType.Greater => s => Both(left(s), right(s), out var a, out var b) ? a > b : null,
                        _ => s => Both(left(s), right(s), out var a, out var b) ? a >= b : null,
                    };
                }
            case UnaryExpression { Type: UnaryExpressionType.Not } not:
                {
                    var inner = Truth(not.Expression, names, depth + 1);
                    return inner is null ? null : s => inner(s) is { } a ? !a : null;
                }
            default:
                return null;
        }
    }

    /// <summary>
    /// A node that gives a number, NaN meaning not sure; <paramref name="named"/> says whether it reads a name (so is a
    /// double at run time) rather than being a literal alone.
    /// </summary>
    private static Func<EvaluationScope, double>? Number(LogicalExpression node, HashSet<string> names, int depth, out bool named)
    {
        named = false;
        if (depth > MaxDepth) return null;
        switch (node)
        {
            case Identifier identifier when names.Contains(identifier.Name):
                {
                    named = true;
                    var name = identifier.Name;
                    return s => Read(s, name);
                }
            case ValueExpression value when Literal(value.Value) is { } constant:
                return _ => constant;
            case UnaryExpression { Type: UnaryExpressionType.Negate } negate:
                {
                    if (negate.Expression is ValueExpression literal)
                    {
                        // NCalc gives 0 - literal in the literal's own type (int or long, never overflowing for a literal
                        // the parser read, which is not negative); converted to double that is exactly -(double)literal.
                        return Literal(literal.Value) is { } constant ? _ => 0.0 - constant : null;
                    }
                    var inner = Number(negate.Expression, names, depth + 1, out named);
                    if (inner is null || !named) return null;
                    return s => Finite(0.0 - inner(s));
                }
            case BinaryExpression { Type: BinaryExpressionType.Plus or BinaryExpressionType.Minus or BinaryExpressionType.Times } arithmetic:
                {
                    var left = Number(arithmetic.LeftExpression, names, depth + 1, out var leftNamed);
                    var right = Number(arithmetic.RightExpression, names, depth + 1, out var rightNamed);
                    // With no name on either side NCalc works in int or long and may overflow where double would not.
                    if (left is null || right is null || !(leftNamed || rightNamed)) return null;
                    named = true;
                    return arithmetic.Type switch
                    {
                        BinaryExpressionType.Plus => s => Finite(left(s) + right(s)),
                        BinaryExpressionType.Minus => s => Finite(left(s) - right(s)),
                        _ => s => Finite(left(s) * right(s)),
                    };
                }
            default:
                return null;
        }
    }

    private static bool IsComparison(BinaryExpressionType type) => type is BinaryExpressionType.Equal or BinaryExpressionType.NotEqual
        or BinaryExpressionType.Lesser or BinaryExpressionType.LesserOrEqual or BinaryExpressionType.Greater or BinaryExpressionType.GreaterOrEqual;

    /// <summary>An int, long or finite double literal as the double NCalc converts it to beside a double; anything else is NCalc's.</summary>
    private static double? Literal(object? value) => value switch
    {
        int i => i,
        long l => l,
        double d when double.IsFinite(d) => d,
        _ => null,
    };

    /// <summary>The name's value when it is a finite double; NaN (not sure) for any other type, a non-finite value or a failed read.</summary>
    private static double Read(EvaluationScope scope, string name)
    {
        object value;
        try
        {
            value = scope.Resolve(name);
        }
        catch (EvaluationException)
        {
            // NCalc reads the name again and reports the failure in its own words.
            return double.NaN;
        }
        return value is double d && double.IsFinite(d) ? d : double.NaN;
    }

    /// <summary>An infinity is where NCalc's overflow protection throws: not sure.</summary>
    private static double Finite(double value) => double.IsFinite(value) ? value : double.NaN;

    private static bool Both(double left, double right, out double a, out double b)
    {
        a = left;
        b = right;
        return !double.IsNaN(left) && !double.IsNaN(right);
    }
}
