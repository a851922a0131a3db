using System.Text;
using System.Text.Json.Nodes;
using NetBufRules.Evaluate;

namespace NetBufRules.Report;

/// <summary>Reports of many hosts (one per snapshot) and how often each cause fired across them.</summary>
public static class FleetSummary
{
    public const string SchemaId = "netbufrules/fleet-report/v1";

    public static string Text(IReadOnlyList<(string Label, DiagnosisReport Report)> hosts, bool color)
    {
        var sb = new StringBuilder();
        foreach (var (label, report) in hosts)
            sb.Append($"=== {Primitives.HostText.Escape(label)}\n").Append(TextReportWriter.Write(report, color)).Append('\n');
        sb.Append($"Across {hosts.Count} hosts:\n");
        foreach (var id in Ids(hosts))
        {
            var statuses = hosts.Select(h => (h.Label, Status: h.Report.Results.FirstOrDefault(r => r.Finding.Playbook.Id == id)?.Status)).ToList();
            var fired = statuses.Where(s => s.Status == FindingStatus.Fired).Select(s => s.Label).ToList();
            var advice = statuses.Count(s => s.Status == FindingStatus.Advice);
            var skipped = statuses.Count(s => s.Status == FindingStatus.Skipped);
            sb.Append(Primitives.HostText.Escape($"  {id} fired on {fired.Count} of {hosts.Count} hosts{(fired.Count > 0 ? $" ({string.Join(", ", fired)})" : "")}"));
            sb.Append($"; advice on {advice}; skipped on {skipped}\n");
        }
        return sb.ToString();
    }

    public static string Json(IReadOnlyList<(string Label, DiagnosisReport Report)> hosts)
    {
        var reports = new JsonArray();
        foreach (var (label, report) in hosts)
        {
            var node = JsonNode.Parse(JsonReportWriter.Write(report))!.AsObject();
            node.Add("label", label);
            reports.Add((JsonNode)node);
        }
        var playbooks = new JsonObject();
        foreach (var id in Ids(hosts))
        {
            var counts = new JsonObject();
            foreach (var status in Enum.GetValues<FindingStatus>())
                counts[StatusWords.Of(status)] = hosts.Count(h => h.Report.Results.Any(r => r.Finding.Playbook.Id == id && r.Status == status));
            counts["fired_on"] = new JsonArray([.. hosts.Where(h => h.Report.Results.Any(r => r.Finding.Playbook.Id == id && r.Status == FindingStatus.Fired)).Select(h => (JsonNode)h.Label)]);
            playbooks[id] = counts;
        }
        var root = new JsonObject
        {
            ["schema"] = SchemaId,
            ["hosts"] = reports,
            ["summary"] = new JsonObject { ["hosts"] = hosts.Count, ["playbooks"] = playbooks },
        };
        return JsonOutput.EscapeBidi(root.ToJsonString(JsonOutput.Nodes)) + "\n";
    }

    private static IEnumerable<string> Ids(IReadOnlyList<(string Label, DiagnosisReport Report)> hosts) =>
        hosts.SelectMany(h => h.Report.Results.Select(r => r.Finding.Playbook.Id)).Distinct().Order(StringComparer.Ordinal);
}
