namespace NetBufRules.Model;

/// <summary>The Prometheus names of declared metrics, worked out at load (two alike are an error) and in every report.</summary>
internal static class MetricNames
{
    /// <summary>The prefix of every metric name.</summary>
    public const string Prefix = "netbufrules_";

    /// <summary>The families the tool writes itself (after <see cref="Prefix"/>): no declared metric may take one of their names.</summary>
    public static readonly IReadOnlySet<string> OwnFamilies = new HashSet<string>(StringComparer.Ordinal)
    {
        "playbook_status", "playbook_firing", "playbook_fires_total", "playbook_probes", "last_run_timestamp_seconds", "window_seconds",
        "run_duration_seconds", "windows_total",
    };

    /// <summary>The full metric name of a declared measurement after <see cref="Prefix"/>: playbook id, name and the unit's suffix.</summary>
    public static string Of(Playbook playbook, MetricSpec metric) =>
        $"{playbook.Id.Replace('-', '_')}_{metric.Name}" + metric.Unit switch
        {
            MetricUnit.PerSecond => "_per_second",
            MetricUnit.Ratio => "_ratio",
            MetricUnit.Bytes => "_bytes",
            MetricUnit.Seconds => "_seconds",
            _ => "",
        };
}
