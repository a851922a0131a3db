using NetBufRules.Compile;
using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Policy;
using NetBufRules.Render;
using NetBufRules.Validate;

namespace NetBufRules.Lint;

/// <summary>
/// Lint's dry render: the playbook's shaped finding (<see cref="ShapedFinding"/>) rendered by the run's own
/// <see cref="FixRenderer"/>, as fired (the <c>when</c> messages and every fix) and as advice (the <c>advise_when</c>
/// messages, and the fixes that read <c>status</c>), so a template lint passes renders in a run and one a run refuses
/// lint refuses (NBR023 a template that fails, NBR044 an interpolated value the guard refuses, NBR016 a fix path that
/// renders outside the allowed places). The content of each rendered fix goes through the content checks.
/// </summary>
internal static class DryRender
{
    private const string Hint = "templates see params, probes (probe.field, tables as rows), rate.X, delta.X, status and the functions ";

    /// <summary>The dry render's problems for <paramref name="playbook"/>, into <paramref name="bag"/>.</summary>
    public static void Check(Playbook playbook, SafetyPolicy policy, DiagnosticBag bag)
    {
        var renderer = new FixRenderer(policy);
        // A fix whose path was already refused as written (NBR016) is not rendered again.
        var fixes = playbook.Fixes.Where(f => !bag.Items.Any(d => d.Code == Codes.UnsafeFixPath && d.Position == f.Position)).ToList();
        var fired = ShapedFinding.Of(playbook, FindingStatus.Fired) with { Fixes = fixes };
        // A fix renders the same for fired and advice unless it reads 'status'.
        var readsStatus = fixes.Where(f => TemplateNames.Of(f.Template).Reads("status") || TemplateNames.Of(f.Path).Reads("status")).ToList();
        var advice = ShapedFinding.Of(playbook, FindingStatus.Advice) with { Fixes = readsStatus };
        var ok = ShapedFinding.Of(playbook, FindingStatus.Ok) with { Fixes = [] };
        foreach (var result in new[] { renderer.DryRun(fired), renderer.DryRun(advice), renderer.DryRun(ok) })
        {
            foreach (var problem in result.Problems)
            {
                // A syntax error is the validator's (NBR014); each place is reported once.
                if (problem.Code == Codes.TemplateSyntax || bag.Items.Any(d => d.Position == problem.At && d.Code == problem.Code)) continue;
                bag.Error(problem.At, problem.Code, problem.Code == Codes.TemplateDryRun ? $"template fails on a dry run: {problem.Message}" : $"on a dry run, {problem.Message}",
                    problem.Code switch
                    {
                        Codes.UnsafeFixPath => $"a value written into a fix path must keep it under {string.Join(", ", policy.AllowedFixDirectories)}",
                        Codes.UnsafeInterpolation => "host data such as a process or unit name cannot shape a fix's lines or path",
                        _ => Hint + string.Join(" ", TemplateSandbox.FunctionNames),
                    });
            }
            foreach (var (fix, content) in result.Fixes) FixPolicyChecks.DryRun(playbook, fix, content, bag);
        }
    }
}
