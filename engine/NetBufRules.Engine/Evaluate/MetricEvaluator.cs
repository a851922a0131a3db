using NCalc;
using NCalc.Exceptions;
using NetBufRules.Compile;
using NetBufRules.Model;
using NetBufRules.Probe;

namespace NetBufRules.Evaluate;

/// <summary>Measures a finding's declared key measurements (<c>metrics:</c>); a measurement whose probe was skipped has no value.</summary>
internal sealed class MetricEvaluator
{

    /// <summary>Each declared measurement with its value, or null when it cannot be measured here.</summary>
    public IReadOnlyList<(MetricSpec Metric, double? Value)> Measure(Finding finding) =>
        [.. finding.Playbook.Metrics.Select(m => (m, Value(m, finding)))];

    private double? Value(MetricSpec metric, Finding finding)
    {
        var compiled = ConditionCompiler.CompileOnce(metric.Value);
        if (compiled.Tree is null) return null;
        var roots = compiled.Roots;
        if (roots.Any(root => !finding.Params.ContainsKey(root) && !finding.Values.ContainsKey(root))) return null;
        var scope = new EvaluationScope(finding.Params, finding.Values);
        // Its own Expression over the shared syntax tree, as conditions do: no state shared between evaluations.
        var expression = new Expression(compiled.Tree, ConditionCompiler.Options, context: null, System.Globalization.CultureInfo.InvariantCulture, FiniteArithmetic.Factory);
        foreach (var name in compiled.Names)
        {
            var captured = name;
            expression.DynamicParameters[name] = _ => scope.Resolve(captured);
        }
        ConditionEvaluator.Bind(expression, () => scope);
        try
        {
            return expression.Evaluate() switch
            {
                double d when double.IsFinite(d) => d,
                int i => i,
                long l => l,
                decimal m => (double)m,
                _ => null,
            };
        }
        catch (Exception e) when (e is EvaluationException or NCalcException or FormatException or InvalidCastException or ArithmeticException or ArgumentException or InvalidOperationException)
        {
            // A measurement is a by-product of the verdict: one that cannot be taken is left out, never an error.
            return null;
        }
    }
}
