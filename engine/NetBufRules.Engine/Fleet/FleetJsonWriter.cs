using System.Text.Json;
using NetBufRules.Evaluate;
using NetBufRules.Primitives;
using NetBufRules.Report;

namespace NetBufRules.Fleet;

/// <summary>
/// The fleet report as JSON: the summary with complete host lists, and per host its verdicts (the fired, advised
/// and broken results with their reasons and fix paths; <c>run --from FILE</c> gives one host's full report).
/// </summary>
internal static class FleetJsonWriter
{
    public const string SchemaId = "netbufrules/fleet-report/v2";

    public static string Write(FleetSummary fleet, bool onlyFired)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonOutput.Writer))
        {
            w.WriteStartObject();
            w.WriteString("schema", SchemaId);
            w.WriteStartObject("summary");
            w.WriteNumber("hosts", fleet.Hosts.Count);
            w.WriteStartObject("kernels");
            foreach (var (kernel, hosts) in fleet.Kernels) w.WriteNumber(kernel, hosts);
            w.WriteEndObject();
            w.WriteStartObject("playbooks");
            foreach (var id in fleet.Ids)
            {
                w.WriteStartObject(id);
                foreach (var status in Enum.GetValues<FindingStatus>()) w.WriteNumber(StatusWords.Of(status), fleet.On(id, status).Count);
                Labels(w, "fired_on", fleet.On(id, FindingStatus.Fired));
                Labels(w, "advice_on", fleet.On(id, FindingStatus.Advice));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            Labels(w, "worst", [.. fleet.Worst.Select(h => h.Label)]);
            w.WriteStartArray("groups");
            foreach (var (signature, labels) in fleet.Groups)
            {
                w.WriteStartObject();
                w.WriteString("signature", signature);
                w.WriteNumber("count", labels.Count);
                Labels(w, "hosts", labels);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("hosts");
            foreach (var h in fleet.Hosts.Where(h => !onlyFired || h.AnyFired))
            {
                w.WriteStartObject();
                w.WriteString("label", h.Label);
                w.WriteString("hostname", h.Hostname);
                w.WriteString("kernel", h.Kernel);
                w.WriteStartObject("statuses");
                foreach (var r in h.Results) w.WriteString(r.Id, StatusWords.Of(r.Status));
                w.WriteEndObject();
                w.WriteStartArray("results");
                foreach (var r in h.Results.Where(r => r.Status is FindingStatus.Fired or FindingStatus.Advice or FindingStatus.Error))
                {
                    w.WriteStartObject();
                    w.WriteString("id", r.Id);
                    w.WriteString("status", StatusWords.Of(r.Status));
                    w.WriteString("severity", StatusWords.Of(r.Severity));
                    w.WriteString("reason", r.Reason);
                    Labels(w, "culprits", r.CulpritKinds);
                    Labels(w, "fixes", r.FixPaths);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Labels(Utf8JsonWriter w, string name, IReadOnlyList<string> labels)
    {
        w.WriteStartArray(name);
        foreach (var label in labels) w.WriteStringValue(label);
        w.WriteEndArray();
    }
}
