using System.Collections;
using System.Text;
using NetBufRules.Evaluate;
using NetBufRules.Primitives;
using NetBufRules.Probe;

namespace NetBufRules.Report;

/// <summary>
/// Writes the report for a person: one block per playbook, worst first; colour only when asked. Everything that came
/// from the host, a snapshot or a playbook goes through <see cref="HostText"/>: no name can forge a line or a colour.
/// </summary>
public static class TextReportWriter
{
    private const int MaxEvidenceRows = 5;

    public static string Write(DiagnosisReport report, bool color)
    {
        var sb = new StringBuilder();
        var host = report.Host;
        sb.Append($"netbufrules: {HostText.Escape(host.Hostname)} (kernel {HostText.Escape(host.Kernel)}, {(host.Root ? "root" : "not root")}, netns {HostText.Escape(host.NetNamespace)}) at {host.Time:yyyy-MM-dd HH:mm:ss}Z");
        sb.Append(report.Window > TimeSpan.Zero ? $", counters sampled over {report.Window.TotalSeconds:0.0}s\n\n" : "\n\n");
        foreach (var r in report.Results.OrderBy(r => Rank(r.Status)).ThenByDescending(r => r.Finding.Playbook.Severity))
        {
            var playbook = r.Finding.Playbook;
            var word = StatusWords.Of(r.Status).ToUpperInvariant();
            sb.Append(Paint($"[{word}]", r.Status, color)).Append(' ', Math.Max(1, 10 - word.Length))
              .Append(HostText.Escape($"{playbook.Id}: {playbook.Title} ({StatusWords.Of(playbook.Severity)})")).Append('\n');
            sb.Append($"  reason: {HostText.Escape(r.Reason)}\n");
            var evidence = string.Join("; ", r.Finding.Evidence.Select(kv => $"{kv.Key} = {Describe(kv.Value)}"));
            if (evidence.Length > 0) sb.Append($"  evidence: {HostText.Escape(evidence)}\n");
            foreach (var note in r.Notes) sb.Append($"  note: {HostText.Escape(note)}\n");
            foreach (var fix in r.Fixes)
            {
                sb.Append($"  fix: {HostText.Escape(fix.Path)}\n");
                foreach (var line in fix.Content.TrimEnd('\n').Split('\n')) sb.Append($"    | {HostText.Escape(line)}\n");
                if (fix.Then.Count > 0) sb.Append($"    then: {HostText.Escape(string.Join(' ', fix.Then))}\n");
            }
            if (r.Status is FindingStatus.Fired or FindingStatus.Advice && playbook.SeeAlso.Count > 0)
                sb.Append($"  see also: {HostText.Escape(string.Join(", ", playbook.SeeAlso))}\n");
            sb.Append('\n');
        }
        var counts = report.Counts;
        sb.Append($"{counts[FindingStatus.Fired]} fired, {counts[FindingStatus.Advice]} advice, {counts[FindingStatus.Ok]} ok, {counts[FindingStatus.Skipped]} skipped, {counts[FindingStatus.Error]} error\n");
        return sb.ToString();
    }

    private static int Rank(FindingStatus status) => status switch
    {
        FindingStatus.Fired => 0,
        FindingStatus.Error => 1,
        FindingStatus.Advice => 2,
        FindingStatus.Skipped => 3,
        _ => 4,
    };

    private static string Paint(string text, FindingStatus status, bool color)
    {
        if (!color) return text;
        var code = status switch { FindingStatus.Fired => "31;1", FindingStatus.Error => "35", FindingStatus.Advice => "33", FindingStatus.Ok => "32", _ => "2" };
        return $"\u001b[{code}m{text}\u001b[0m";
    }

    internal static string Describe(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map when map.ContainsKey("rows") =>
            $"{Cell.Format(map["count"])} row(s)" + (map["rows"] is IEnumerable rows && map["count"] is double c && c > 0
                ? ": " + string.Join(", ", rows.Cast<IReadOnlyDictionary<string, object>>().Take(MaxEvidenceRows).Select(Row)) + (c > MaxEvidenceRows ? ", ..." : "")
                : ""),
        IReadOnlyDictionary<string, object?> map when map.ContainsKey("delta") =>
            $"{Cell.Format(map["value"])} (+{Cell.Format(map["delta"])}, {Cell.Format(map["rate"])}/s)",
        _ => Cell.Format(value),
    };

    private static string Row(IReadOnlyDictionary<string, object> row) =>
        "{" + string.Join(" ", row.Where(kv => !kv.Key.EndsWith(CounterMath.DeltaSuffix, StringComparison.Ordinal)).Select(kv => $"{kv.Key}={Cell.Format(kv.Value)}")) + "}";
}
