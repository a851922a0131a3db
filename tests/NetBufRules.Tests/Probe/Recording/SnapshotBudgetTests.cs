using System.Text.Json.Nodes;
using NetBufRules.Fleet;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Hostile;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe.Recording;

/// <summary>
/// A snapshot may expand only to a fixed budget once read (rows per process table, rows in all, sources): past it the
/// snapshot is refused at its JSON place, and in a fleet that host alone is refused.
/// </summary>
public sealed class SnapshotBudgetTests
{
    /// <summary>The healthy recording with a process table of <paramref name="rows"/> rows under each of <paramref name="scopes"/>, as v2 JSON.</summary>
    private static string WithTables(int rows, params ProcessScope[] scopes)
    {
        var table = new TableValue(ProcessTable.Columns, [.. Enumerable.Range(2, rows).Select(pid => (IReadOnlyDictionary<string, object>)new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["pid"] = (double)pid, ["fds"] = 17.0, ["soft"] = 16.0, ["hard"] = 16.0, ["uid"] = 0.0, ["unit"] = "-", ["comm"] = "x",
        })]);
        var snapshot = Replay.Load("netns-healthy");
        var added = scopes.Select(scope => new ProcessesSource(scope)).Select(s => new SnapshotSource(s.Key, s.Describe(), [new RawOutput(snapshot.Host.Time, "", Table: table)]));
        return SnapshotJson.Write(snapshot with { Sources = [.. snapshot.Sources, .. added], Version = 2 });
    }

    private static int SourceCount(string json) => JsonNode.Parse(json)!["sources"]!.AsArray().Count;

    [Fact]
    public void A_process_table_of_more_rows_than_the_budget_is_refused_at_its_place()
    {
        var json = WithTables(SnapshotBudget.TableRows + 1, ProcessScope.Auto);
        var refused = Should.Throw<SnapshotException>(() => SnapshotJson.Read("evil.json", json));
        refused.Message.ShouldBe($"evil.json: $.sources[{SourceCount(json) - 1}].samples[0].table.rows: more than {SnapshotBudget.TableRows} rows in one process table; refused (a snapshot may expand to at most a fixed memory budget)");
    }

    [Fact]
    public void A_table_of_exactly_the_budget_is_read()
    {
        var snapshot = SnapshotJson.Read("big.json", WithTables(SnapshotBudget.TableRows, ProcessScope.Auto));
        snapshot.Sources[^1].Samples[0].Table.ShouldNotBeNull().Rows.Count.ShouldBe(SnapshotBudget.TableRows);
    }

    [Fact]
    public void The_general_reader_refuses_the_same_table_at_the_same_place()
    {
        // The source's key after its samples: the one-pass reader declines, and the document reader decides.
        var root = JsonNode.Parse(WithTables(SnapshotBudget.TableRows + 1, ProcessScope.Auto))!.AsObject();
        var sources = root["sources"]!.AsArray();
        var last = sources[^1]!.AsObject();
        var reordered = new JsonObject { ["samples"] = last["samples"]!.DeepClone(), ["describe"] = last["describe"]!.DeepClone(), ["key"] = last["key"]!.DeepClone() };
        sources[^1] = reordered;
        var json = root.ToJsonString();
        SnapshotStream.TryRead(System.Text.Encoding.UTF8.GetBytes(json)).ShouldBeNull();
        var refused = Should.Throw<SnapshotException>(() => SnapshotJson.Read("evil.json", json));
        refused.Message.ShouldBe($"evil.json: $.sources[{sources.Count - 1}].samples[0].table.rows: more than {SnapshotBudget.TableRows} rows in one process table; refused (a snapshot may expand to at most a fixed memory budget)");
    }

    [Fact]
    public void Tables_each_within_the_budget_but_too_many_rows_together_are_refused_at_the_table_that_passes_it()
    {
        var json = WithTables(40_000, ProcessScope.All, ProcessScope.Auto, ProcessScope.Current);
        var refused = Should.Throw<SnapshotException>(() => SnapshotJson.Read("evil.json", json));
        refused.Message.ShouldStartWith($"evil.json: $.sources[{SourceCount(json) - 1}].samples[0].table.rows: more than {SnapshotBudget.SnapshotRows} process rows in the snapshot's tables together");
    }

    [Fact]
    public void A_snapshot_of_more_sources_than_the_budget_is_refused_at_the_first_one_too_many()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-healthy.json")))!.AsObject();
        var sources = root["sources"]!.AsArray();
        var template = sources[0]!;
        for (var i = sources.Count; i <= SnapshotBudget.Sources; i++)
        {
            var copy = template.DeepClone().AsObject();
            copy["key"] = $"/proc/nbr-{i}";
            sources.Add(copy);
        }
        var refused = Should.Throw<SnapshotException>(() => SnapshotJson.Read("evil.json", root.ToJsonString()));
        refused.Message.ShouldStartWith("evil.json: $.sources[4096]: more than 4096 sources in one snapshot");
    }

    [Fact]
    public void In_a_fleet_the_host_over_the_budget_is_refused_and_every_other_host_is_replayed()
    {
        using var scratch = new RobustnessScratch();
        var good = File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-healthy.json"));
        var files = new[]
        {
            scratch.Write("fleet/a.json", good),
            scratch.Write("fleet/evil.json", WithTables(SnapshotBudget.TableRows + 1, ProcessScope.Auto)),
            scratch.Write("fleet/c.json", good),
        };
        using var texts = new VerdictTexts();
        var results = FleetReplay.Run(files, PlaybookLoader.Load([Repo.Playbooks]).Playbooks, new ParamOverrides(), 2, texts, CancellationToken.None);
        results[0].Verdict.ShouldNotBeNull();
        results[2].Verdict.ShouldNotBeNull();
        results[1].Verdict.ShouldBeNull();
        results[1].Error.ShouldNotBeNull().ShouldContain("evil.json: $.sources[");
        results[1].Error!.ShouldContain($"more than {SnapshotBudget.TableRows} rows in one process table");
    }

    [Fact]
    public async Task A_fleet_with_a_host_over_the_budget_reports_the_others_in_json_and_lists_the_refused_one()
    {
        using var scratch = new RobustnessScratch();
        var good = File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-healthy.json"));
        scratch.Write("fleet/a.json", good);
        scratch.Write("fleet/evil.json", WithTables(SnapshotBudget.TableRows + 1, ProcessScope.Auto));
        var (code, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", Path.Combine(scratch.Root, "fleet"), "--format", "json");
        code.ShouldBe(2);
        error.ShouldEndWith("netbufrules: 1 of 2 snapshots refused; the report covers the other 1\n");
        var report = JsonNode.Parse(output)!;
        report["summary"]!["hosts"]!.GetValue<int>().ShouldBe(1);
        var refused = report["refused"]!.AsArray().ShouldHaveSingleItem()!;
        refused["file"]!.GetValue<string>().ShouldEndWith("evil.json");
        refused["error"]!.GetValue<string>().ShouldContain($"more than {SnapshotBudget.TableRows} rows in one process table");
    }
}
