using System.Text.Json;
using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe.Recording;

/// <summary>The process table is data from /proc to the verdict and into snapshots: a name never becomes rows.</summary>
public sealed class ProcessTableSnapshotTests
{
    // 15 bytes, as much as comm holds: a newline and then a whole forged row at its open-files limit.
    private const string ForgingName = "\n1\t99\t1\t1\t0\t-\tx";

    private static TableValue TableWith(string comm) => new(ProcessTable.Columns,
    [
        new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["pid"] = 4242.0, ["fds"] = 3.0, ["soft"] = 1024.0, ["hard"] = 4096.0, ["uid"] = 65534.0, ["unit"] = "-", ["comm"] = comm,
        },
    ]);

    private static Snapshot WithScopedTable(Snapshot snapshot, TableValue table)
    {
        var sample = new RawOutput(snapshot.Host.Time, "", Table: table);
        var source = new ProcessesSource(ProcessScope.Auto);
        return snapshot with { Sources = [.. snapshot.Sources, new SnapshotSource(source.Key, source.Describe(), [sample])], Version = 2 };
    }

    [Fact]
    public void A_name_with_a_newline_a_tab_and_an_escape_stays_one_cell_through_a_snapshot()
    {
        var name = "a\nb\tc\u001b[31m";
        var written = SnapshotJson.Write(WithScopedTable(Replay.Load("netns-healthy"), TableWith(name)));
        written.ShouldContain("\"format\": \"netbufrules/snapshot/v2\"");
        using (var json = JsonDocument.Parse(written))
            Pack.FileFormatSchemaTests.SnapshotSchema.Evaluate(json.RootElement).IsValid.ShouldBeTrue(); // one instance: the schema registry is global

        var back = SnapshotJson.Read("x.json", written);
        back.Version.ShouldBe(2);
        var row = back.Sources.Single(s => s.Key == "processes:netns=auto").Samples[0].Table.ShouldNotBeNull().Rows.ShouldHaveSingleItem();
        row["comm"].ShouldBe(name);
        row["pid"].ShouldBe(4242.0);
        row["soft"].ShouldBe(1024.0);
    }

    [Fact]
    public async Task A_forging_name_in_the_table_cannot_fire_file_descriptors_although_the_same_name_as_text_did()
    {
        var asData = await Replay.Run(WithScopedTable(Replay.Load("netns-healthy"), TableWith(ForgingName)));
        asData["file-descriptors"].Status.ShouldBe(FindingStatus.Ok, asData["file-descriptors"].Reason);

        // The old way: the table written as text and parsed again turns the name into a second process at its limit.
        var asText = await Replay.Run(Replay.Load("netns-healthy").Replace("/proc/*/{comm,fd,limits,cgroup}",
            $"pid\tfds\tsoft\thard\tuid\tunit\tcomm\n4242\t3\t1024\t4096\t65534\t-\t{ForgingName}\n"));
        asText["file-descriptors"].Status.ShouldBe(FindingStatus.Fired);
        asText["file-descriptors"].Reason.ShouldContain("pid 1 (x) has 99 of 1");
    }

    [Fact]
    public async Task A_v1_snapshot_replays_a_scoped_processes_source_from_its_whole_table_and_a_v2_one_does_not()
    {
        var v1 = Replay.Load("netns-fd-limit");
        v1.Version.ShouldBe(1);
        var scoped = new ProcessesSource(ProcessScope.Current);
        (await new SnapshotSourceReader(v1).ReadAsync(scoped, TimeSpan.FromSeconds(1), 0, CancellationToken.None)).Succeeded.ShouldBeTrue();
        var v2 = await new SnapshotSourceReader(v1 with { Version = 2 }).ReadAsync(scoped, TimeSpan.FromSeconds(1), 0, CancellationToken.None);
        v2.Failure.ShouldBe(ReadFailure.NotRecorded, "a v2 snapshot recorded what the scoped source saw, or nothing");
        (await Replay.Run(v1))["file-descriptors"].Status.ShouldBe(FindingStatus.Fired);
    }

    [Fact]
    public void A_table_row_with_a_missing_cell_is_a_malformed_snapshot_with_its_file()
    {
        var written = SnapshotJson.Write(WithScopedTable(Replay.Load("netns-healthy"), TableWith("x")));
        var broken = written.Replace("\"x\"\n", "\n", StringComparison.Ordinal).Replace("\"-\",\n", "\"-\"\n", StringComparison.Ordinal);
        broken.ShouldNotBe(written);
        Should.Throw<SnapshotException>(() => SnapshotJson.Read("x.json", broken)).Message.ShouldStartWith("x.json: the snapshot is incomplete or malformed");
    }

    [Fact]
    public void A_table_on_another_source_or_with_other_columns_is_a_malformed_snapshot()
    {
        var written = SnapshotJson.Write(WithScopedTable(Replay.Load("netns-healthy"), TableWith("x")));
        Should.Throw<SnapshotException>(() => SnapshotJson.Read("x.json", written.Replace("\"key\": \"processes:netns=auto\"", "\"key\": \"file:/proc/net/made_up\"", StringComparison.Ordinal)))
            .Message.ShouldContain("source 'file:/proc/net/made_up' has a table; only the processes source records one");
        Should.Throw<SnapshotException>(() => SnapshotJson.Read("x.json", written.Replace("\"soft\"", "\"limit\"", StringComparison.Ordinal)))
            .Message.ShouldContain("has columns [pid, fds, limit, hard, uid, unit, comm]");
    }

    [Fact]
    public void Redacting_rewrites_addresses_in_text_cells_and_keeps_a_comm_named_like_the_host_and_the_numbers()
    {
        var snapshot = WithScopedTable(Replay.Load("netns-healthy"), TableWith("vm 10.1.2.3"));
        var row = SnapshotRedactor.Redact(snapshot with { Host = snapshot.Host with { Hostname = "vm" } })
            .Sources.Single(x => x.Key == "processes:netns=auto").Samples[0].Table.ShouldNotBeNull().Rows.ShouldHaveSingleItem();
        // A process named like its host is the culprit, not the host (red team round 5, repro-15): its name stays.
        row["comm"].ShouldBe("vm 192.0.2.1");
        row["pid"].ShouldBe(4242.0);
    }

    [Theory]
    [InlineData("processes: true", ProcessScope.All, "processes")]
    [InlineData("processes: { netns: all }", ProcessScope.All, "processes")]
    [InlineData("processes: { netns: current }", ProcessScope.Current, "processes:netns=current")]
    [InlineData("processes: { netns: auto }", ProcessScope.Auto, "processes:netns=auto")]
    public void A_processes_probe_names_its_network_namespace_scope(string source, object scopeValue, string key)
    {
        var scope = (ProcessScope)scopeValue; // object: the engine's enums are internal
        var playbook = Playbooks.Parse(Playbooks.Minimal($"  procs:\n    {source}\n", "  - count(procs) > 0"));
        var read = playbook.Probes.Single().Alternatives.Single().Source.ShouldBeOfType<ProcessesSource>();
        read.Scope.ShouldBe(scope);
        read.Key.ShouldBe(key);
    }

    [Fact]
    public void An_unknown_scope_is_refused_at_its_place_with_the_nearest_one()
    {
        var bag = new DiagnosticBag();
        PlaybookParser.Parse("t.yaml", Playbooks.Minimal("  procs:\n    processes: { netns: curent }\n", "  - count(procs) > 0"), bag);
        var error = bag.Items.ShouldHaveSingleItem();
        error.ToString().ShouldContain("'netns: curent' of probe 'procs' is not a process scope");
        error.ToString().ShouldContain("current");
    }

    [Fact]
    public void This_process_is_in_its_own_network_namespace_scope()
    {
        foreach (var scope in new[] { ProcessScope.Current, ProcessScope.Auto })
        {
            var raw = ProcessTable.Read(scope);
            raw.Table.ShouldNotBeNull().Rows.ShouldContain(r => (double)r["pid"] == Environment.ProcessId, $"scope {scope}");
        }
    }
}
