using System.Globalization;
using System.Text;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Probe;

namespace NetBufRules.Report;

/// <summary>
/// The Prometheus text exposition format (0.0.4) of a report: each playbook's status and severity, its declared key
/// measurements, and the tool's own health. No timestamps (node_exporter's textfile collector rejects them).
/// </summary>
internal static class PrometheusReportWriter
{
    /// <summary>The prefix of every metric name.</summary>
    public const string Prefix = MetricNames.Prefix;

    /// <summary>Writes <paramref name="report"/>; <paramref name="extras"/> adds what a running <c>watch</c> knows.</summary>
    public static string Write(DiagnosisReport report, PrometheusExtras? extras = null, MetricEvaluator? evaluator = null)
    {
        evaluator ??= new MetricEvaluator();
        var o = new StringBuilder();
        var statuses = Enum.GetValues<FindingStatus>();

        Family(o, "playbook_status", "gauge", "1 for the playbook's status in the last window (fired, advice, ok, skipped, error), 0 for the others");
        foreach (var r in report.Results)
        {
            foreach (var status in statuses)
                Sample(o, "playbook_status", Labels(r, ("status", StatusWords.Of(status))), r.Status == status ? 1 : 0);
        }

        Family(o, "playbook_firing", "gauge", extras is null
            ? "1 when the playbook fired"
            : "1 while the playbook is fired in watch (after its 'for' hold, until it stayed quiet for its 'clear_after')");
        foreach (var r in report.Results)
        {
            var firing = extras?.Firing.GetValueOrDefault(r.Finding.Playbook.Id) ?? r.Status == FindingStatus.Fired;
            Sample(o, "playbook_firing", Labels(r), firing ? 1 : 0);
        }

        if (extras is not null)
        {
            Family(o, "playbook_fires_total", "counter", "How many times the playbook fired since watch started");
            foreach (var r in report.Results)
                Sample(o, "playbook_fires_total", Labels(r), extras.Fires.GetValueOrDefault(r.Finding.Playbook.Id));
        }

        Family(o, "playbook_probes", "gauge", "The playbook's probes by outcome in the last window (skipped: missing tool, permission, not applicable)");
        foreach (var r in report.Results)
        {
            var probes = r.Finding.Probes.Values;
            Sample(o, "playbook_probes", Labels(r, ("status", "ok")), probes.Count(p => p.Status == ProbeStatus.Ok));
            Sample(o, "playbook_probes", Labels(r, ("status", "skipped")), probes.Count(p => p.Status == ProbeStatus.Skipped));
        }

        // Loading refuses two metrics with one name (NBR185); a playbook given twice still measures once, since a
        // second family of the same name would make Prometheus refuse the whole file.
        var written = new HashSet<string>(MetricNames.OwnFamilies, StringComparer.Ordinal);
        foreach (var r in report.Results)
        {
            foreach (var (metric, value) in evaluator.Measure(r.Finding))
            {
                if (value is not { } v) continue;
                var name = MetricNames.Of(r.Finding.Playbook, metric);
                if (!written.Add(name)) continue;
                Family(o, name, "gauge", $"{r.Finding.Playbook.Id}: {metric.Help}");
                Sample(o, name, "", v);
            }
        }

        Family(o, "last_run_timestamp_seconds", "gauge", "When the last window was evaluated (Unix time)");
        Sample(o, "last_run_timestamp_seconds", "", report.Host.Time.ToUnixTimeMilliseconds() / 1000.0);
        Family(o, "window_seconds", "gauge", "Length of the counter sampling window");
        Sample(o, "window_seconds", "", report.Window.TotalSeconds);
        if (extras is not null)
        {
            Family(o, "run_duration_seconds", "gauge", "How long probing and evaluating the last window took");
            Sample(o, "run_duration_seconds", "", extras.Duration.TotalSeconds);
            Family(o, "windows_total", "counter", "Windows evaluated since watch started");
            Sample(o, "windows_total", "", extras.Windows);
        }
        return o.ToString();
    }

    private static string Labels(Render.RenderedFinding r, params (string Name, string Value)[] more) =>
        string.Join(",", new[] { ("playbook", r.Finding.Playbook.Id), ("severity", StatusWords.Of(r.Finding.Playbook.Severity)) }
            .Concat(more).Select(l => $"{l.Item1}=\"{EscapeLabel(l.Item2)}\""));

    private static void Family(StringBuilder o, string name, string type, string help)
    {
        o.Append("# HELP ").Append(Prefix).Append(name).Append(' ').Append(HelpText(help)).Append('\n');
        o.Append("# TYPE ").Append(Prefix).Append(name).Append(' ').Append(type).Append('\n');
    }

    private static void Sample(StringBuilder o, string name, string labels, double value)
    {
        o.Append(Prefix).Append(name);
        if (labels.Length > 0) o.Append('{').Append(labels).Append('}');
        o.Append(' ').Append(Number(value)).Append('\n');
    }

    /// <summary>
    /// A HELP text (a pack's metric help among them) on one line and inert: every control or invisible character made a
    /// visible escape first (a raw CR or ESC reached the textfile node_exporter serves), then each backslash doubled, since
    /// the format knows only <c>\\</c> and <c>\n</c> there (so <c>\x1b</c> is read back as that text); a newline stays <c>\n</c>.
    /// </summary>
    public static string HelpText(string help) =>
        string.Join("\\n", help.Split('\n').Select(line => Primitives.HostText.Escape(line).Replace("\\", "\\\\", StringComparison.Ordinal)));

    /// <summary>A label value escaped as the exposition format wants: backslash, double quote and newline.</summary>
    public static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Number(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
