using System.Text.Json;
using NetBufRules.Evaluate;
using NetBufRules.Primitives;
using NetBufRules.Probe;

namespace NetBufRules.Report;

/// <summary>Writes the report as JSON following <c>schemas/report.schema.json</c>.</summary>
internal static class JsonReportWriter
{
    public const string SchemaId = "netbufrules/report/v2";

    public static string Write(DiagnosisReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonOutput.Writer))
        {
            w.WriteStartObject();
            w.WriteString("schema", SchemaId);
            w.WriteStartObject("host");
            w.WriteString("hostname", report.Host.Hostname);
            w.WriteString("kernel", report.Host.Kernel);
            w.WriteString("time", report.Host.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteBoolean("root", report.Host.Root);
            w.WriteString("net_namespace", report.Host.NetNamespace);
            w.WriteEndObject();
            w.WriteNumber("window_seconds", Math.Round(report.Window.TotalSeconds, 3));
            w.WriteStartObject("summary");
            foreach (var (status, count) in report.Counts) w.WriteNumber(StatusWords.Of(status), count);
            w.WriteEndObject();
            w.WriteStartArray("results");
            foreach (var r in report.Results)
            {
                var playbook = r.Finding.Playbook;
                w.WriteStartObject();
                w.WriteString("id", playbook.Id);
                w.WriteString("status", StatusWords.Of(r.Status));
                w.WriteString("severity", StatusWords.Of(playbook.Severity));
                w.WriteString("title", JsonOutput.Sentence(playbook.Title));
                w.WriteString("reason", JsonOutput.Sentence(r.Reason));
                w.WriteStartObject("evidence");
                foreach (var (name, item) in r.Finding.Evidence) EvidenceJson.Write(w, name, item);
                w.WriteEndObject();
                w.WriteStartArray("fixes");
                foreach (var fix in r.Fixes)
                {
                    w.WriteStartObject();
                    w.WriteString("path", fix.Path);
                    w.WriteString("content", fix.Content);
                    w.WriteStartArray("then");
                    foreach (var arg in fix.Then) w.WriteStringValue(arg);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("notes");
                foreach (var note in r.Notes) w.WriteStringValue(JsonOutput.Sentence(note));
                w.WriteEndArray();
                w.WriteStartArray("probes");
                foreach (var p in r.Finding.Probes.Values)
                {
                    w.WriteStartObject();
                    w.WriteString("name", p.Name);
                    w.WriteString("status", p.Status == ProbeStatus.Ok ? "ok" : "skipped");
                    if (p.Source is not null) w.WriteString("source", p.Source);
                    if (p.SkipReason is not null) w.WriteString("reason", JsonOutput.Sentence(p.SkipReason));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("see_also");
                foreach (var id in playbook.SeeAlso) w.WriteStringValue(id);
                w.WriteEndArray();
                w.WriteString("file", playbook.File);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return JsonOutput.EscapeInvisible(System.Text.Encoding.UTF8.GetString(stream.ToArray())) + "\n";
    }
}
