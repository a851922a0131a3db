using System.Text;
using NetBufRules.Evaluate;
using NetBufRules.Report;

namespace NetBufRules.Fix;

/// <summary>The plan of <c>fix</c> as text: each file as a diff against what is on the target, and its <c>then</c>.</summary>
internal static class FixTextWriter
{
    /// <summary>The steps in order; <paramref name="elsewhere"/> when files go under a folder rather than onto this host.</summary>
    public static string Plan(DiagnosisReport report, IReadOnlyList<FixStep> steps, bool elsewhere)
    {
        var sb = new StringBuilder();
        var findings = report.Results.Where(r => r.Status is FindingStatus.Fired or FindingStatus.Advice).ToList();
        // A fix the content check refused makes its finding an error with no fix: say so, or "nothing to fix" would hide it.
        foreach (var error in report.Results.Where(r => r.Status == FindingStatus.Error))
            sb.Append($"{error.Finding.Playbook.Id}: error, no fix: {Primitives.HostText.Escape(error.Reason)}\n");
        var errors = sb.Length > 0;
        if (errors) sb.Append('\n');
        if (steps.Count == 0)
        {
            // After a finding whose fix was refused, "no finding fired" would read as a clean bill of health.
            if (errors && findings.Count == 0) return sb.ToString();
            sb.Append(findings.Count == 0
                ? "Nothing to fix: no finding fired or gave advice.\n"
                : $"Nothing to write: {string.Join(", ", findings.Select(f => $"{f.Finding.Playbook.Id} ({StatusWords.Of(f.Status)})"))} has no file fix; see 'netbufrules run' for what to change.\n");
            return sb.ToString();
        }
        var ids = steps.Select(s => $"{s.PlaybookId} ({StatusWords.Of(s.Status)})").Distinct(StringComparer.Ordinal);
        sb.Append($"{steps.Count} file(s) for {string.Join(", ", ids)}:\n");
        foreach (var step in steps)
        {
            sb.Append('\n').Append($"{step.PlaybookId}: {Primitives.HostText.Escape(step.Target)} ({Describe(step.Action)})\n");
            if (step.Refused is not null)
            {
                sb.Append($"  refused: {Primitives.HostText.Escape(step.Refused)}\n");
                continue;
            }
            // The content is what the file will hold (the fix policy refused control characters in it); the diff shows it as is.
            sb.Append(Primitives.HostText.EscapeLines(FixDiff.Of(step)));
            if (step.ExportOnly is not null) sb.Append($"  not applied by --apply: {Primitives.HostText.Escape(step.ExportOnly)}\n");
            if (step.NotHere is not null) sb.Append($"  not applied here by --apply: {Primitives.HostText.Escape(step.NotHere)}\n");
            if (step.Fix.Then.Count > 0) sb.Append($"then: {string.Join(' ', step.Fix.Then)}{(elsewhere ? " (not run: the files go under a folder, not onto this host)" : "")}\n");
        }
        sb.Append('\n');
        return sb.ToString();
    }

    private static string Describe(FixAction action) => action switch
    {
        FixAction.Create => "new file",
        FixAction.Modify => "changes the file",
        _ => "already has this content",
    };
}
