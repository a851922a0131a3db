using System.Globalization;
using System.Text;
using NetBufRules.Evaluate;
using NetBufRules.Fleet;
using NetBufRules.Render;
using NetBufRules.Report;

namespace NetBufRules.Output;

/// <summary>
/// The report as Markdown for a ticket or a chat: the findings that need attention with their sentence, evidence
/// tables (measured apart from thresholds) and fix files; one line for the rest. A fleet: the host × cause matrix and
/// the groups of hosts with the same findings. Host data goes through <see cref="MarkdownText"/>.
/// </summary>
internal sealed class MarkdownFormat : IOutputFormat
{
    private const int Rows = 3, VerboseRows = 20;

    public string Name => "markdown";

    public string Description => "Markdown for a ticket or a chat";

    public bool DescribesFleets => true;

    public string Write(DiagnosisReport report, OutputOptions options)
    {
        var digest = new ReportDigest(report);
        var sb = new StringBuilder();
        sb.Append("# netbufrules on ").Append(MarkdownText.Escape(report.Host.Hostname)).Append("\n\n");
        sb.Append(MarkdownText.Escape(digest.HostLine)).Append("\n\n");
        sb.Append("**").Append(digest.Summary).Append("**\n\n");
        if (options.Quiet) return sb.ToString();
        foreach (var r in digest.Attention) Finding(sb, r, options);
        if (digest.Attention.Count == 0) sb.Append(digest.QuietLine).Append("\n\n");
        if (options.Verbose)
        {
            foreach (var r in digest.Skipped.Concat(digest.Ok)) Finding(sb, r, options);
        }
        if (digest.OkLine is { } ok) sb.Append("- ").Append(MarkdownText.Escape(ok)).Append('\n');
        if (digest.SkippedLine(options.Verbose) is { } skipped) sb.Append("- ").Append(MarkdownText.Escape(skipped)).Append('\n');
        foreach (var note in digest.Notes) sb.Append("- note, ").Append(MarkdownText.Escape(note)).Append('\n');
        return sb.ToString();
    }

    public string WriteFleet(FleetSummary fleet, OutputOptions options)
    {
        var sb = new StringBuilder();
        var fired = fleet.Hosts.Count(h => h.AnyFired);
        sb.Append(CultureInfo.InvariantCulture, $"# netbufrules across {fleet.Hosts.Count:N0} hosts\n\n**{fired:N0} of {fleet.Hosts.Count:N0} hosts with a cause fired**\n\n");
        if (options.Quiet) return sb.ToString();
        sb.Append("## Kernels\n\n");
        foreach (var (kernel, hosts) in fleet.Kernels) sb.Append(CultureInfo.InvariantCulture, $"- {MarkdownText.Escape(kernel)} on {hosts:N0}\n");
        var matrix = new FleetMatrix(fleet);
        sb.Append("\n## Hosts by cause\n\n| host | ").Append(string.Join(" | ", matrix.Ids.Select(MarkdownText.Escape))).Append(" |\n|---|")
          .Append(string.Concat(matrix.Ids.Select(_ => "---|"))).Append('\n');
        foreach (var h in matrix.Hosts)
        {
            sb.Append("| ").Append(MarkdownText.Escape(h.Label)).Append(" | ")
              .Append(string.Join(" | ", matrix.Ids.Select(id => FleetMatrix.Cell(h, id) is { } s ? Word(s) : "")))
              .Append(" |\n");
        }
        if (matrix.LeftOut > 0) sb.Append(CultureInfo.InvariantCulture, $"\n{matrix.LeftOut:N0} hosts with nothing fired, advised or broken are left out.\n");
        if (fleet.Groups.Count > 0)
        {
            sb.Append("\n## Same findings\n\n");
            foreach (var (signature, labels) in fleet.Groups)
                sb.Append(CultureInfo.InvariantCulture, $"- **{labels.Count:N0} host{(labels.Count == 1 ? "" : "s")}**, {MarkdownText.Escape(signature)} ({Names(labels)})\n");
        }
        if (options.OnlyFired)
        {
            foreach (var h in fleet.Hosts.Where(h => h.AnyFired))
            {
                sb.Append("\n## ").Append(MarkdownText.Escape($"{h.Label} ({h.Hostname}, kernel {h.Kernel})")).Append("\n\n");
                foreach (var r in h.Results.Where(r => r.Status == FindingStatus.Fired))
                    sb.Append("- **fired** ").Append(MarkdownText.Escape($"{r.Id} ({StatusWords.Of(r.Severity)}), {ReportDigest.Clause(r.Reason)}")).Append('\n');
            }
        }
        return sb.ToString();
    }

    private static string Names(IReadOnlyList<string> labels) =>
        string.Join(", ", labels.Take(FleetTextWriter.ListedNames).Select(MarkdownText.Escape))
        + (labels.Count > FleetTextWriter.ListedNames ? string.Create(CultureInfo.InvariantCulture, $", +{labels.Count - FleetTextWriter.ListedNames:N0} more") : "");

    private static string Word(FindingStatus status) => status switch
    {
        FindingStatus.Fired => "**fired**",
        _ => StatusWords.Of(status),
    };

    private static void Finding(StringBuilder sb, RenderedFinding r, OutputOptions options)
    {
        var playbook = r.Finding.Playbook;
        sb.Append("## ").Append(StatusWords.Of(r.Status)).Append(", ").Append(MarkdownText.Escape($"{playbook.Id} ({StatusWords.Of(playbook.Severity)})")).Append("\n\n");
        sb.Append("**").Append(MarkdownText.Escape(playbook.Title)).Append("**\n\n");
        var attention = r.Status is FindingStatus.Fired or FindingStatus.Advice or FindingStatus.Error;
        sb.Append(MarkdownText.Escape(attention ? ReportDigest.Sentence(r) : ReportDigest.Clause(r.Reason) + ".")).Append("\n\n");
        var rows = options.Verbose ? VerboseRows : Rows;
        Table(sb, "measured", EvidenceText.Measured(r.Finding), rows);
        Table(sb, "compared with", EvidenceText.ComparedWith(r.Finding), rows);
        if (options.Verbose)
        {
            foreach (var note in r.Notes) sb.Append("- note, ").Append(MarkdownText.Escape(note)).Append('\n');
            if (r.Notes.Count > 0) sb.Append('\n');
        }
        else if (ReportDigest.SkippedProbes(r) is { Count: > 0 } skipped && r.Status != FindingStatus.Skipped)
        {
            sb.Append("Not checked, ").Append(MarkdownText.Escape(string.Join(", ", skipped))).Append(" (--verbose says why).\n\n");
        }
        foreach (var fix in r.Fixes)
        {
            sb.Append("Fix file ").Append(MarkdownText.Escape(fix.Path));
            if (fix.Then.Count > 0) sb.Append(", then run ").Append(MarkdownText.Escape(string.Join(' ', fix.Then)));
            sb.Append("\n\n").Append(MarkdownText.Fenced(fix.Content)).Append('\n');
        }
    }

    private static void Table(StringBuilder sb, string heading, IReadOnlyList<Evaluate.Evidence.EvidenceItem> items, int rows)
    {
        if (items.Count == 0) return;
        sb.Append("| ").Append(heading).Append(" | value |\n|---|---|\n");
        foreach (var item in items)
            sb.Append("| ").Append(MarkdownText.Escape(item.Name)).Append(" | ").Append(MarkdownText.Escape(EvidenceText.Value(item, rows))).Append(" |\n");
        sb.Append('\n');
    }
}
