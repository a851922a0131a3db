using System.Text.Json.Nodes;
using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe.Recording;

/// <summary>
/// A snapshot holds no more than a live read records: an output within the live cap, at most two samples a source, a
/// process table given as text within the rows a typed one may have; and a large document that is not plainly a
/// snapshot is refused without the general schema evaluator. Red team round 8: each of these took gigabytes.
/// </summary>
public sealed class SnapshotTextBudgetTests
{
    /// <summary>The healthy recording with <paramref name="change"/> made to its JSON.</summary>
    private static string Healthy(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(SnapshotJson.Write(Replay.Load("netns-healthy")))!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    private static (JsonObject Source, int Index) SourceOf(JsonObject root, string key)
    {
        var sources = root["sources"]!.AsArray();
        var index = sources.Select((s, i) => (s, i)).First(x => x!.s!["key"]!.GetValue<string>() == key).i;
        return (sources[index]!.AsObject(), index);
    }

    private static int Index(string json, string key) => SourceOf(JsonNode.Parse(json)!.AsObject(), key).Index;

    [Fact]
    public void An_output_longer_than_a_live_read_keeps_is_refused_at_its_place()
    {
        var json = Healthy(root => SourceOf(root, "file:/proc/net/snmp").Source["samples"]![0]!["stdout"] = new string('x', SnapshotBudget.StdoutChars + 1));
        var refused = Should.Throw<SnapshotException>(() => SnapshotJson.Read("evil.json", json));
        refused.Message.ShouldBe($"evil.json: $.sources[{Index(json, "file:/proc/net/snmp")}].samples[0].stdout: more than {SnapshotBudget.StdoutChars} characters of output; refused (a live read keeps at most 1024 KiB and marks the probe truncated)");
    }

    [Fact]
    public void An_output_of_exactly_the_live_cap_is_read()
    {
        var json = Healthy(root => SourceOf(root, "file:/proc/net/snmp").Source["samples"]![0]!["stdout"] = new string('x', SnapshotBudget.StdoutChars));
        SnapshotJson.Read("big.json", json).Sources.ShouldContain(s => s.Key == "file:/proc/net/snmp" && s.Samples[0].Stdout.Length == SnapshotBudget.StdoutChars);
    }

    [Fact]
    public void An_error_output_longer_than_a_command_keeps_is_refused()
    {
        var key = Replay.Load("netns-healthy").Sources.First(s => s.Key.StartsWith("cmd:", StringComparison.Ordinal)).Key;
        var json = Healthy(root => SourceOf(root, key).Source["samples"]![0]!["stderr"] = new string('e', SnapshotBudget.StderrChars + 1));
        Should.Throw<SnapshotException>(() => SnapshotJson.Read("evil.json", json)).Message
            .ShouldBe($"evil.json: $.sources[{Index(json, key)}].samples[0].stderr: more than {SnapshotBudget.StderrChars} characters of error output; refused (a live read keeps at most that)");
    }

    [Fact]
    public void A_process_table_written_as_text_is_held_to_the_rows_of_a_typed_one()
    {
        // Snapshot v1 (and a test's inline table) give the process table as text: a million rows took 6.9 GB replayed.
        var text = "pid\tfds\tsoft\thard\tuid\tunit\tcomm\n" + string.Concat(Enumerable.Range(2, SnapshotBudget.TableRows + 1).Select(pid => $"{pid}\t17\t16\t16\t0\t-\tx\n"));
        var json = Healthy(root =>
        {
            root["format"] = Snapshot.FormatV1;
            var time = root["host"]!["time"]!.GetValue<string>();
            var sources = root["sources"]!.AsArray();
            foreach (var old in sources.Where(s => s!["key"]!.GetValue<string>().StartsWith("processes", StringComparison.Ordinal)).ToList()) sources.Remove(old);
            sources.Add(new JsonObject
            {
                ["key"] = new ProcessesSource().Key,
                ["describe"] = new ProcessesSource().Describe(),
                ["samples"] = new JsonArray(new JsonObject { ["time"] = time, ["stdout"] = text }),
            });
        });
        var refused = Should.Throw<SnapshotException>(() => SnapshotJson.Read("evil.json", json));
        refused.Message.ShouldBe($"evil.json: $.sources[{Index(json, "processes")}].samples[0].stdout: more than {SnapshotBudget.TableRows} rows in one process table; refused (a snapshot may expand to at most a fixed memory budget)");
    }

    [Fact]
    public void More_samples_than_a_counter_takes_are_refused_before_the_schema_evaluator()
    {
        // 446,202 samples in 63 MB went to the general evaluator whole: a minute and 4.3 GB before the refusal.
        var json = Healthy(root =>
        {
            var samples = SourceOf(root, "file:/proc/net/snmp").Source["samples"]!.AsArray();
            var one = samples[0]!;
            for (var i = 0; i < 50_000; i++) samples.Add(one.DeepClone());
        });
        var started = System.Diagnostics.Stopwatch.StartNew();
        Should.Throw<SnapshotException>(() => SnapshotJson.Read("evil.json", json)).Message
            .ShouldBe($"evil.json: $.sources[{Index(json, "file:/proc/net/snmp")}].samples: more than {SnapshotBudget.SamplesPerSource} samples of one source; refused (a counter is read twice, everything else once)");
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void A_large_document_that_is_not_plainly_a_snapshot_is_refused_without_the_evaluator()
    {
        // An unknown property in every sample: no single budget names it, and the evaluator would walk it all.
        var json = Healthy(root =>
        {
            var sources = root["sources"]!.AsArray();
            var samples = sources[0]!["samples"]!.AsArray();
            samples[0]!["extra"] = new JsonArray([.. Enumerable.Range(0, SnapshotBudget.SchemaValues).Select(i => (JsonNode)JsonValue.Create(i))]);
        });
        Should.Throw<SnapshotException>(() => SnapshotJson.Read("evil.json", json)).Message
            .ShouldBe($"evil.json: $: does not match schemas/snapshot.schema.json, and at more than {SnapshotBudget.SchemaValues} JSON values it is too large to say where (a recorded host has a few thousand; see schemas/snapshot.schema.json)");
    }

    [Fact]
    public void A_small_document_that_is_not_plainly_a_snapshot_still_gets_the_schema_place()
    {
        var json = Healthy(root => root["sources"]![0]!["samples"]![0]!["extra"] = 1);
        Should.Throw<SnapshotException>(() => SnapshotJson.Read("evil.json", json)).Message.ShouldContain("$.sources[0].samples[0]");
    }
}
