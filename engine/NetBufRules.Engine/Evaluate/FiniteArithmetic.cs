using System.Globalization;
using NCalc;
using NCalc.Factories;
using NCalc.Visitors;

namespace NetBufRules.Evaluate;

/// <summary>
/// NCalc's own evaluator, except that an operator giving NaN or an infinity is an arithmetic error, as integer
/// division by zero already is: <c>x % 0</c> on a probe's double gives NaN, which compares false with everything and
/// would decide a verdict silently (<c>x % 0 != x % 0</c> fired). The condition becomes that finding's error instead.
/// </summary>
internal sealed class FiniteArithmetic : IEvaluationVisitorFactory
{
    /// <summary>The one factory every condition uses; it holds no state.</summary>
    public static readonly FiniteArithmetic Factory = new();

    private FiniteArithmetic()
    {
    }

    /// <inheritdoc/>
    public EvaluationVisitor CreateEvaluationVisitor(ExpressionContext context, ExpressionEvaluationOptions options, CultureInfo cultureInfo, CancellationToken cancellationToken) =>
        new Visitor(context, options, cultureInfo, this, cancellationToken);

    /// <summary>NCalc's own: its synchronous visitor asks for one per operator (for binary event handlers, which conditions never add).</summary>
    public AsyncEvaluationVisitor CreateAsyncEvaluationVisitor(ExpressionContext context, ExpressionEvaluationOptions options, CultureInfo cultureInfo, CancellationToken cancellationToken) =>
        Default.CreateAsyncEvaluationVisitor(context, options, cultureInfo, cancellationToken);

    private static readonly EvaluationVisitorFactory Default = new();

    private sealed class Visitor(ExpressionContext context, ExpressionEvaluationOptions options, CultureInfo cultureInfo, IEvaluationVisitorFactory factory, CancellationToken cancellationToken)
        : EvaluationVisitor(context, options, cultureInfo, factory, cancellationToken)
    {
        public override object? Visit(BinaryExpression expression)
        {
            var result = base.Visit(expression);
            return result is double d && !double.IsFinite(d)
                // The condition's own text is put in front by the caller; an NCalc node prints only its type name.
                ? throw new ArithmeticException($"the arithmetic {(double.IsNaN(d) ? "is not a number" : "is infinite")} (a remainder or division by zero?)")
                : result;
        }
    }
}
