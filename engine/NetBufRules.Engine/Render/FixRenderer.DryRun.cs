using NetBufRules.Evaluate;
using NetBufRules.Model;

namespace NetBufRules.Render;

/// <summary>Lint's dry run, through the very code that renders a run's reasons and fixes.</summary>
internal sealed partial class FixRenderer
{
    /// <summary>
    /// Renders, as <see cref="Render"/> does (the same model, interpolation guard and fix-path check, one model per row
    /// of an <c>each</c> fix), the messages of <paramref name="finding"/>'s conditions that hold and each of its fixes,
    /// collecting every failure at its place instead of stopping at the first. The content policy, which judges values
    /// against what a host measured, is lint's own check of the returned contents.
    /// </summary>
    public DryRunResult DryRun(Finding finding)
    {
        var model = TemplateSandbox.Model(finding);
        var problems = new List<TemplateProblem>();
        var fixes = new List<(FixSpec, string)>();
        var messages = finding.Symptoms.Concat(finding.Advice).Where(o => o.State == SignalState.True).Select(o => o.Signal.Message)
            // An ok finding's reason is each symptom's 'ok' sentence, rendered as the run renders it.
            .Concat(finding.Status == FindingStatus.Ok ? finding.Symptoms.Select(o => o.Signal.Ok) : [])
            .OfType<LocatedText>();
        foreach (var message in messages)
        {
            try
            {
                RenderText(message, model);
            }
            catch (PlacedTemplateException e) when (e.Problem is not null)
            {
                problems.Add(e.Problem);
            }
        }
        foreach (var fix in finding.Fixes)
        {
            try
            {
                foreach (var (spec, rendered) in RenderFix(fix, finding, model, [])) fixes.Add((spec, rendered.Content));
            }
            catch (PlacedTemplateException e) when (e.Problem is not null)
            {
                problems.Add(e.Problem);
            }
        }
        return new DryRunResult(problems, fixes);
    }
}
