using System.Text.Json;
using NetBufRules.Evaluate;
using NetBufRules.Primitives;
using NetBufRules.Report;

namespace NetBufRules.Fix;

/// <summary>
/// The result of <c>fix</c> as JSON: the diagnosis (the run report), each step with its diff, and what was applied,
/// backed up, run and rolled back.
/// </summary>
internal static class FixJsonWriter
{
    public const string SchemaId = "netbufrules/fix-report/v1";

    /// <summary>Writes the document; <paramref name="mode"/> is plan, apply or write.</summary>
    public static string Write(DiagnosisReport report, IReadOnlyList<FixStep> steps, string mode, FixOutcome? outcome, IReadOnlyList<string> log)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonOutput.Writer))
        {
            w.WriteStartObject();
            w.WriteString("schema", SchemaId);
            w.WriteString("mode", mode);
            w.WriteString("outcome", outcome is null ? (mode == "write" ? "exported" : "planned")
                : outcome.Result switch
                {
                    FixResult.Applied => "applied",
                    FixResult.PartlyApplied => "partly-applied",
                    FixResult.RolledBack => "rolled-back",
                    FixResult.NotHere => "not-applied-here",
                    _ => outcome.Failure is null ? "nothing-to-do" : "refused",
                });
            if (outcome?.Failure is { } failure) w.WriteString("failure", JsonOutput.Sentence(failure));
            if (outcome is not null && mode == "apply")
            {
                // Each playbook stands or falls on its own: which are on the host now, which were not attempted, which rolled back.
                w.WriteStartArray("applied");
                foreach (var id in outcome.AppliedIds) w.WriteStringValue(id);
                w.WriteEndArray();
                w.WriteStartObject("not_applied_here");
                foreach (var (id, why) in outcome.NotHereIds) w.WriteString(id, JsonOutput.Sentence(why));
                w.WriteEndObject();
                w.WriteStartObject("rolled_back");
                foreach (var (id, why) in outcome.Failures) w.WriteString(id, JsonOutput.Sentence(why));
                w.WriteEndObject();
            }
            w.WriteStartArray("steps");
            foreach (var step in steps)
            {
                var applied = outcome?.Steps.FirstOrDefault(a => a.Step == step);
                w.WriteStartObject();
                w.WriteString("id", step.PlaybookId);
                w.WriteString("path", step.Fix.Path);
                w.WriteString("target", step.Target);
                w.WriteString("action", step.Action.ToString().ToLowerInvariant());
                w.WriteString("diff", FixDiff.Of(step));
                w.WriteStartArray("then");
                foreach (var a in step.Fix.Then) w.WriteStringValue(a);
                w.WriteEndArray();
                if ((step.Refused ?? (mode == "apply" ? step.ExportOnly : null)) is { } refused) w.WriteString("refused", JsonOutput.Sentence(refused));
                if (step.ExportOnly is not null) w.WriteString("export_only", JsonOutput.Sentence(step.ExportOnly));
                if (step.NotHere is not null) w.WriteString("not_applied_here", JsonOutput.Sentence(step.NotHere));
                w.WriteBoolean("written", applied?.Written ?? false);
                if (applied?.Backup is not null) w.WriteString("backup", applied.Backup);
                if (applied?.Then is { } then)
                {
                    w.WriteNumber("then_exit_code", then.ExitCode);
                    w.WriteString("then_output", then.Output);
                }
                w.WriteBoolean("rolled_back", applied?.RolledBack ?? false);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (outcome is not null && outcome.Verified.Count > 0)
            {
                w.WriteStartObject("verified");
                foreach (var (id, status) in outcome.Verified.OrderBy(v => v.Key, StringComparer.Ordinal)) w.WriteString(id, StatusWords.Of(status));
                w.WriteEndObject();
            }
            w.WriteStartArray("log");
            foreach (var line in log) w.WriteStringValue(line);
            w.WriteEndArray();
            w.WritePropertyName("report");
            using (var doc = JsonDocument.Parse(JsonReportWriter.Write(report))) doc.RootElement.WriteTo(w);
            w.WriteEndObject();
        }
        return JsonOutput.EscapeInvisible(System.Text.Encoding.UTF8.GetString(stream.ToArray())) + "\n";
    }
}
