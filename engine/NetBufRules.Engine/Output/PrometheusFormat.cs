using NetBufRules.Fleet;
using NetBufRules.Report;

namespace NetBufRules.Output;

/// <summary>The Prometheus text exposition format of one host (node_exporter's textfile collector).</summary>
internal sealed class PrometheusFormat : IOutputFormat
{
    public string Name => "prometheus";

    public string Description => "Prometheus text format of one host";

    /// <summary>Metrics describe one host: a folder of snapshots has no single set of samples.</summary>
    public bool DescribesFleets => false;

    public string Write(DiagnosisReport report, OutputOptions options) => PrometheusReportWriter.Write(report);

    public string WriteFleet(FleetSummary fleet, OutputOptions options) =>
        throw new InvalidOperationException("prometheus describes one host, not a fleet");
}
