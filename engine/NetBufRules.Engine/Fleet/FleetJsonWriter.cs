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
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(fleet, onlyFired, writer);
        return writer.ToString();
    }

    /// <summary>How many bytes are written out at a time.</summary>
    private const int Piece = 1 << 16;

    /// <summary>Writes the report to <paramref name="output"/> in pieces of about 64 KB: 10,000 hosts make 33 MB of JSON, never held whole.</summary>
    public static void Write(FleetSummary fleet, bool onlyFired, TextWriter output)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Piece);
        void Drain(Utf8JsonWriter w, int atLeast)
        {
            w.Flush();
            if (buffer.WrittenCount < atLeast) return;
            // The writer flushes whole tokens, so a piece never splits a character.
            output.Write(JsonOutput.EscapeInvisible(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan)));
            buffer.ResetWrittenCount();
        }
        using (var w = new Utf8JsonWriter(buffer, JsonOutput.Writer))
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
                Labels(w, "fired_on", fleet.On(id, FindingStatus.Fired), Drain);
                Labels(w, "advice_on", fleet.On(id, FindingStatus.Advice), Drain);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            Labels(w, "worst", [.. fleet.Worst.Select(h => h.Label)], Drain);
            w.WriteStartArray("groups");
            foreach (var (signature, labels) in fleet.Groups)
            {
                w.WriteStartObject();
                w.WriteString("signature", signature);
                w.WriteNumber("count", labels.Count);
                Labels(w, "hosts", labels, Drain);
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
                    w.WriteString("reason", JsonOutput.Sentence(r.Reason));
                    Labels(w, "culprits", r.CulpritKinds, Drain);
                    Labels(w, "fixes", r.FixPaths, Drain);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
                Drain(w, Piece);
            }
            w.WriteEndArray();
            // Only when a snapshot was refused, so a fleet without one reads as it always did.
            if (fleet.Refused.Count > 0)
            {
                w.WriteStartArray("refused");
                foreach (var (file, error) in fleet.Refused)
                {
                    w.WriteStartObject();
                    w.WriteString("file", file);
                    w.WriteString("error", JsonOutput.Sentence(error));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            Drain(w, 0);
        }
        output.Write('\n');
    }

    private static void Labels(Utf8JsonWriter w, string name, IReadOnlyList<string> labels, Action<Utf8JsonWriter, int> drain)
    {
        w.WriteStartArray(name);
        foreach (var label in labels)
        {
            w.WriteStringValue(label);
            if (w.BytesPending >= Piece) drain(w, Piece);
        }
        w.WriteEndArray();
    }
}
