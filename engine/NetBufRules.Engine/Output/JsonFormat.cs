using NetBufRules.Fleet;
using NetBufRules.Report;

namespace NetBufRules.Output;

/// <summary>JSON for programs: <c>schemas/report.schema.json</c> for a host, the fleet document for a folder of snapshots.</summary>
internal sealed class JsonFormat : IOutputFormat
{
    public string Name => "json";

    public string Description => "JSON following schemas/report.schema.json (a fleet: hosts and counts)";

    public bool DescribesFleets => true;

    public string Write(DiagnosisReport report, OutputOptions options) => JsonReportWriter.Write(report);

    public string WriteFleet(FleetSummary fleet, OutputOptions options) => FleetJsonWriter.Write(fleet, options.OnlyFired);

    public void WriteFleet(FleetSummary fleet, OutputOptions options, TextWriter writer) => FleetJsonWriter.Write(fleet, options.OnlyFired, writer);
}
