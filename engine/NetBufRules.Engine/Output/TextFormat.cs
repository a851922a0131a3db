using System.Text;
using NetBufRules.Evaluate;
using NetBufRules.Fleet;
using NetBufRules.Primitives;
using NetBufRules.Render;
using NetBufRules.Report;

namespace NetBufRules.Output;

/// <summary>
/// The report for a person woken at 3 am: what fired, then advice, each as one sentence (what happened, the culprit,
/// the fix) with what was measured kept apart from the thresholds; then one line for the rest and the notes, once.
/// <c>--verbose</c> adds every result with its full evidence, <c>--quiet</c> leaves only the summary line. Everything
/// from the host, a snapshot or a playbook goes through <see cref="HostText"/>: no name can forge a line or a colour.
/// </summary>
internal sealed class TextFormat : IOutputFormat
{
    /// <summary>Rows of a culprit table shown by default; <c>--verbose</c> shows every row the evidence kept.</summary>
    private const int Rows = 3, VerboseRows = 20;

    public string Name => "text";

    public string Description => "the report for a person (default)";

    public bool DescribesFleets => true;

    public string Write(DiagnosisReport report, OutputOptions options)
    {
        var digest = new ReportDigest(report);
        if (options.Quiet) return digest.Summary + "\n";
        var sb = new StringBuilder();
        sb.Append("netbufrules: ").Append(HostText.Escape(digest.HostLine)).Append("\n\n");
        foreach (var r in digest.Attention) Block(sb, r, options);
        if (digest.Attention.Count == 0) sb.Append(digest.QuietLine).Append("\n\n");
        if (options.Verbose)
        {
            foreach (var r in digest.Skipped.Concat(digest.Ok)) Block(sb, r, options);
        }
        if (digest.OkLine is { } ok) sb.Append(HostText.Escape(ok)).Append('\n');
        if (digest.SkippedLine(options.Verbose) is { } skipped) sb.Append(HostText.Escape(skipped)).Append('\n');
        foreach (var note in digest.Notes) sb.Append("note: ").Append(HostText.Escape(note)).Append('\n');
        sb.Append(digest.Summary).Append('\n');
        return sb.ToString();
    }

    public string WriteFleet(FleetSummary fleet, OutputOptions options)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        WriteFleet(fleet, options, writer);
        return writer.ToString();
    }

    public void WriteFleet(FleetSummary fleet, OutputOptions options, TextWriter writer)
    {
        if (options.Quiet) writer.Write($"{fleet.Hosts.Count} hosts, {fleet.Hosts.Count(h => h.AnyFired)} with a cause fired\n");
        else FleetTextWriter.Write(fleet, options.OnlyFired, writer);
    }

    private static void Block(StringBuilder sb, RenderedFinding r, OutputOptions options)
    {
        var playbook = r.Finding.Playbook;
        var word = StatusWords.Of(r.Status).ToUpperInvariant();
        sb.Append(Paint($"[{word}]", r.Status, options.Color)).Append(' ', Math.Max(1, 10 - word.Length))
          .Append(HostText.Escape($"{playbook.Id}: {playbook.Title} ({StatusWords.Of(playbook.Severity)})")).Append('\n');
        var attention = r.Status is FindingStatus.Fired or FindingStatus.Advice or FindingStatus.Error;
        sb.Append("  ").Append(HostText.Escape(attention ? ReportDigest.Sentence(r) : ReportDigest.Clause(r.Reason) + ".")).Append('\n');
        var rows = options.Verbose ? VerboseRows : Rows;
        var measured = EvidenceText.Measured(r.Finding);
        if (measured.Count > 0) sb.Append("  measured: ").Append(HostText.Escape(string.Join("; ", measured.Select(e => EvidenceText.Entry(e, rows))))).Append('\n');
        var compared = EvidenceText.ComparedWith(r.Finding);
        if (compared.Count > 0) sb.Append("  compared with: ").Append(HostText.Escape(string.Join("; ", compared.Select(e => EvidenceText.Entry(e, rows))))).Append('\n');
        if (options.Verbose)
        {
            foreach (var note in r.Notes) sb.Append("  note: ").Append(HostText.Escape(note)).Append('\n');
        }
        else if (ReportDigest.SkippedProbes(r) is { Count: > 0 } skipped && r.Status != FindingStatus.Skipped)
        {
            sb.Append("  not checked: ").Append(HostText.Escape(string.Join(", ", skipped))).Append(" (--verbose says why)\n");
        }
        foreach (var fix in r.Fixes)
        {
            sb.Append("  fix file ").Append(HostText.Escape(fix.Path)).Append('\n');
            foreach (var line in fix.Content.TrimEnd('\n').Split('\n')) sb.Append("    | ").Append(HostText.Escape(line)).Append('\n');
        }
        if (attention && r.Status != FindingStatus.Error && playbook.SeeAlso.Count > 0)
            sb.Append("  see also: ").Append(HostText.Escape(string.Join(", ", playbook.SeeAlso))).Append('\n');
        sb.Append('\n');
    }

    private static string Paint(string text, FindingStatus status, bool color)
    {
        if (!color) return text;
        var code = status switch { FindingStatus.Fired => "31;1", FindingStatus.Error => "35", FindingStatus.Advice => "33", FindingStatus.Ok => "32", _ => "2" };
        return $"\u001b[{code}m{text}\u001b[0m";
    }
}
