using System.Runtime.CompilerServices;
using NCalc;
using NetBufRules.Compile;

namespace NetBufRules.Evaluate;

/// <summary>
/// A condition made only of names, number literals, comparisons, <c>+ - *</c> and <c>&amp;&amp; || !</c>, the pack's
/// own table and counter functions (<c>rate delta count sum maxof minof maxcount</c>), text compared with a quoted
/// literal (<c>reason == 'PROTO_MEM'</c>), <c>contains()</c> and <c>among()</c>, evaluated without NCalc's interpreter:
/// the answer is true, false, or null ("not sure"), and on null the caller asks NCalc, which stays the only judge of
/// everything else (other types, errors and their messages).
/// </summary>
/// <remarks>
/// Held to NCalc 7's own rules, so a sure answer is NCalc's answer: a comparison or <c>+ - *</c> with a double on
/// one side converts the other side (a double, or an int or long literal) to double and compares with
/// <see cref="double.CompareTo(double)"/>, which equals C#'s operators for numbers that are not NaN; unary minus is
/// <c>0 - x</c>. It is not sure whenever a name's value is no finite double, reading a name fails, or <c>+ - *</c>
/// gives NaN or an infinity (NCalc's overflow protection throws there). Both sides of <c>&amp;&amp;</c> and
/// <c>||</c> are evaluated and either side not sure makes the whole not sure, so NCalc's short-circuit never decides
/// differently. A part with no name in it (<c>2 * 3</c>) is NCalc's: its int arithmetic overflows where double does not.
/// A function is answered by the very code NCalc calls for it (<see cref="ConditionEvaluator.Bind"/>): the same
/// <see cref="EvaluationScope"/> method on the same name, so the same double; a call that fails is not sure. Text
/// equality is sure only when the name's value is text: with <c>NoStringTypeCoercion</c> and invariant globalization
/// NCalc compares two strings ordinally, and any other pairing (a number beside a quoted literal) is NCalc's to judge.
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
            case BinaryExpression { Type: BinaryExpressionType.Equal or BinaryExpressionType.NotEqual } text when TextComparison(text, names) is { } compare:
                return compare;
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
            case Function { Identifier.Name: "contains", Parameters.Count: 2 } contains:
                {
                    var haystack = Argument(contains.Parameters[0], names);
                    var needle = Argument(contains.Parameters[1], names);
                    if (haystack is null || needle is null) return null;
                    return s => haystack(s, out var h) && needle(s, out var n) ? EvaluationScope.Contains(h, n) : null;
                }
            case Function { Identifier.Name: "among", Parameters.Count: 2 } among when among.Parameters[1] is Identifier column:
                {
                    var value = Argument(among.Parameters[0], names);
                    if (value is null) return null;
                    var columnName = column.Name;
                    // The column's cells are looked up first, as the 'among' NCalc calls does.
                    return s =>
                    {
                        IReadOnlySet<string> cells;
                        try
                        {
                            cells = s.Cells(columnName);
                        }
                        catch (EvaluationException)
                        {
                            return null;
                        }
                        return value(s, out var v) ? EvaluationScope.Among(cells, v) : null;
                    };
                }
            default:
                return null;
        }
    }

    /// <summary>A function argument NCalc evaluates: a name (its value as the scope resolves it) or a literal; null for anything else.</summary>
    private delegate bool Value(EvaluationScope scope, out object? value);

    private static Value? Argument(LogicalExpression node, HashSet<string> names)
    {
        switch (node)
        {
            case Identifier identifier when names.Contains(identifier.Name):
                {
                    var name = identifier.Name;
                    return (EvaluationScope s, out object? v) => TryResolve(s, name, out v);
                }
            case ValueExpression { Value: string or double or int or long } literal:
                {
                    var constant = literal.Value;
                    return (EvaluationScope _, out object? v) =>
                    {
                        v = constant;
                        return true;
                    };
                }
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>name == 'text'</c>, <c>name != 'text'</c> or the same written the other way round: sure when the name's value
    /// is text, compared ordinally; any other value (a number, a bool) is NCalc's to judge.
    /// </summary>
    private static Func<EvaluationScope, bool?>? TextComparison(BinaryExpression comparison, HashSet<string> names)
    {
        var (name, literal) = (comparison.LeftExpression, comparison.RightExpression) switch
        {
            (Identifier { Name: var n }, ValueExpression { Value: string t }) when names.Contains(n) => (n, t),
            (ValueExpression { Value: string t }, Identifier { Name: var n }) when names.Contains(n) => (n, t),
            _ => ((string?)null, (string?)null),
        };
        if (name is null || literal is null) return null;
        var equal = comparison.Type == BinaryExpressionType.Equal;
        return s => TryResolve(s, name, out var value) && value is string text ? string.Equals(text, literal, StringComparison.Ordinal) == equal : null;
    }

    /// <summary>The name's value; false when reading it fails (NCalc reads it again and reports the failure in its own words).</summary>
    private static bool TryResolve(EvaluationScope scope, string name, out object? value)
    {
        try
        {
            value = scope.Resolve(name);
            return true;
        }
        catch (EvaluationException)
        {
            value = null;
            return false;
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
            case Function { Parameters.Count: 1 } call when call.Parameters[0] is Identifier argument && Measure(call.Identifier.Name, argument.Name) is { } measure:
                named = true;
                return measure;
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

    /// <summary>
    /// A table or counter function of one probe name, computed by the same <see cref="EvaluationScope"/> method that the
    /// function NCalc calls uses (<see cref="ConditionEvaluator.Bind"/>); NaN (not sure) when that method fails or the
    /// number is not finite. Null for any other function (NCalc's own builtins among them).
    /// </summary>
    private static Func<EvaluationScope, double>? Measure(string function, string name)
    {
        Func<EvaluationScope, double>? compute = function switch
        {
            "rate" => s => s.TryCounterPart(name, rate: true, out var part, out _) ? part : double.NaN,
            "delta" => s => s.TryCounterPart(name, rate: false, out var part, out _) ? part : double.NaN,
            "count" => s => s.Count(name),
            "sum" => s => s.SumOf(name),
            "maxof" => s => s.MaxOf(name),
            "minof" => s => s.MinOf(name),
            "maxcount" => s => s.LargestGroup(name),
            _ => null,
        };
        if (compute is null) return null;
        return s =>
        {
            try
            {
                return Finite(compute(s));
            }
            catch (EvaluationException)
            {
                return double.NaN;
            }
        };
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
    private static double Read(EvaluationScope scope, string name) =>
        TryResolve(scope, name, out var value) && value is double d && double.IsFinite(d) ? d : double.NaN;

    /// <summary>An infinity is where NCalc's overflow protection throws: not sure.</summary>
    private static double Finite(double value) => double.IsFinite(value) ? value : double.NaN;

    private static bool Both(double left, double right, out double a, out double b)
    {
        a = left;
        b = right;
        return !double.IsNaN(left) && !double.IsNaN(right);
    }
}
