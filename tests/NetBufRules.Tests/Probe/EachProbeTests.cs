using NetBufRules.Diagnostics;
using NetBufRules.Lint;
using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Probe;

/// <summary>A probe with 'each' runs once per row of a table probe, with the row's cells in its argv.</summary>
public sealed class EachProbeTests
{
    private const string Probes = """
          devices:
            command: [tc, -s, qdisc, show]
            extract: { regex: '^qdisc clsact \S+ dev (?<dev>\S+)', all: true }
          filters:
            each: devices
            command: [tc, -s, filter, show, dev, '{dev}', egress]
            extract: { regex: '^filter protocol \S+ pref (?<pref>\d+)', all: true }
        """;

    private static async Task<ProbeResult> Run(FakeSourceReader reader, string probes = Probes, string name = "filters")
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal(probes, $"  - count({name}) > 0"));
        using var runner = new ProbeRunner(reader, new ProbeRunOptions(TimeSpan.Zero));
        return (await runner.RunAsync([playbook])).For("sample")[name];
    }

    [Fact]
    public async Task Each_row_is_read_with_its_cell_and_the_rows_read_carry_it()
    {
        var reader = new FakeSourceReader()
            .With("tc -s qdisc show", "qdisc clsact ffff: dev va parent ffff:fff1\nqdisc clsact ffff: dev eth0 parent ffff:fff1\nqdisc clsact ffff: dev va parent x\n")
            .With("tc -s filter show dev va egress", "filter protocol all pref 10 bpf\nfilter protocol all pref 20 bpf\n")
            .With("tc -s filter show dev eth0 egress", "filter protocol ip pref 30 u32\n");
        var result = await Run(reader);
        result.Status.ShouldBe(ProbeStatus.Ok);
        var rows = ((TableValue)result.Value!).Rows.Select(r => $"{r["dev"]}:{Cell.Format(r["pref"])}");
        rows.ShouldBe(["va:10", "va:20", "eth0:30"]);
        reader.Reads["tc -s filter show dev va egress"].ShouldBe(1, "a device listed twice is read once");
    }

    private const string FilteredProbes = """
          ooms:
            command: [dmesg]
            extract: { regex: '^\[ *(?<t>\d+)\] oom_memcg=/system.slice/(?<unit>[^,]+),', all: true }
            where: t >= limit * 100
          limits:
            each: ooms
            file: /sys/fs/cgroup/system.slice/{unit}/memory.max
            extract: { regex: '^(?<memory_max>\S+)' }
        """;

    /// <summary>40 old kills (t below 1000, the where's cut-off at limit 10) and then two recent ones.</summary>
    private static FakeSourceReader OldAndRecentKills()
    {
        var log = string.Concat(Enumerable.Range(1, 40).Select(i => $"[{i}] oom_memcg=/system.slice/old{i}.service,\n")) +
                  "[2000] oom_memcg=/system.slice/web.service,\n[2001] oom_memcg=/system.slice/db.service,\n";
        var reader = new FakeSourceReader().With("dmesg", log);
        foreach (var unit in new[] { "web", "db" }.Concat(Enumerable.Range(1, 40).Select(i => $"old{i}")))
            reader.With($"/sys/fs/cgroup/system.slice/{unit}.service/memory.max", "268435456\n");
        return reader;
    }

    [Fact]
    public async Task A_probe_run_for_each_row_reads_only_for_the_rows_its_tables_where_keeps()
    {
        // Forty old kills filled the 32 rows read before: the two recent services, the ones judged, were never read.
        var reader = OldAndRecentKills();
        var playbook = Playbooks.Parse(Playbooks.Minimal(FilteredProbes, "  - count(limits) > 0"));
        var report = await NetBufRules.Pipeline.DiagnosisPipeline.RunAsync([playbook], new NetBufRules.Params.ParamOverrides(), reader, new ProbeRunOptions(TimeSpan.Zero), new HostInfo("h", "6.18", DateTimeOffset.UnixEpoch, true, "net:[1]"));
        var limits = report.Results[0].Finding.Probes["limits"];
        ((TableValue)limits.Value!).Rows.Select(r => (string)r["unit"]).ShouldBe(["web.service", "db.service"]);
        reader.Reads.Keys.ShouldNotContain(k => k.Contains("old", StringComparison.Ordinal));
        limits.Note.ShouldBeNull("no row was left out");
    }

    [Fact]
    public async Task Without_the_evaluators_filter_every_row_is_read_up_to_the_cap_and_the_note_says_so()
    {
        var result = await Run(OldAndRecentKills(), FilteredProbes, "limits");
        result.Note!.ShouldContain("read for the first 32 of 42 rows of ooms");
    }

    [Fact]
    public async Task A_cell_that_could_smuggle_an_option_or_a_path_is_never_passed()
    {
        var reader = new FakeSourceReader().With("tc -s qdisc show", "qdisc clsact ffff: dev -all parent x\nqdisc clsact ffff: dev ../x parent x\n");
        var result = await Run(reader);
        reader.Reads.Keys.ShouldNotContain(k => k.StartsWith("tc -s filter", StringComparison.Ordinal));
        result.Note!.ShouldContain("is not safe to pass to tc -s filter show dev {dev} egress");
        ((TableValue)result.Value!).Rows.ShouldBeEmpty();
    }

    [Fact]
    public async Task When_the_table_probe_is_skipped_so_is_the_probe_run_per_row_saying_why()
    {
        var result = await Run(new FakeSourceReader());
        result.Status.ShouldBe(ProbeStatus.Skipped);
        result.SkipReason!.ShouldBe("needs devices, which was skipped (tc -s qdisc show not found)");
    }

    [Fact]
    public async Task When_every_per_row_read_fails_the_probe_is_skipped_with_the_reason()
    {
        var result = await Run(new FakeSourceReader().With("tc -s qdisc show", "qdisc clsact ffff: dev va parent x\n"));
        result.Status.ShouldBe(ProbeStatus.Skipped);
        result.SkipReason.ShouldBe("tc -s filter show dev va egress not found");
    }

    [Fact]
    public async Task A_source_naming_a_column_the_row_leaves_empty_is_passed_over_for_that_row_only()
    {
        const string cgroups = """
              ooms:
                command: [dmesg]
                extract: { regex: 'oom_memcg=/(?<slice>[^/,]+)(?:/(?<sub>[^/,]+))?/(?<unit>[^/,]+),', all: true }
              filters:
                each: ooms
                file: /sys/fs/cgroup/{slice}/{sub}/{unit}/memory.max
                extract: { regex: '^(?<memory_max>\S+)' }
                fallback:
                  - file: /sys/fs/cgroup/{slice}/{unit}/memory.max
            """;
        var reader = new FakeSourceReader()
            .With("dmesg", "oom_memcg=/system.slice/web.service,\noom_memcg=/system.slice/system-job.slice/job@1.service,\n")
            .With("/sys/fs/cgroup/system.slice/web.service/memory.max", "max\n")
            .With("/sys/fs/cgroup/system.slice/system-job.slice/job@1.service/memory.max", "268435456\n");
        var result = await Run(reader, cgroups);
        result.Status.ShouldBe(ProbeStatus.Ok);
        result.Note.ShouldBeNull("an empty cell is not an unsafe one");
        ((TableValue)result.Value!).Rows.Select(r => $"{r["unit"]}={Cell.Format(r["memory_max"])}").ShouldBe(["web.service=max", "job@1.service=268435456"]);
        reader.Reads.Keys.ShouldNotContain(k => k.Contains("//", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("each: nowhere", "probe 'filters' has 'each: nowhere', which is not another probe of this playbook")]
    [InlineData("each: filters", "probe 'filters' has 'each: filters', which is not another probe of this playbook")]
    [InlineData("each: devices\n    counter: true", "probe 'filters' has 'each' and 'counter: true'")]
    public void A_probe_run_per_row_must_name_another_table_probe_and_be_read_once(string each, string message)
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal(Probes.Replace("each: devices", each), "  - count(filters) > 0"));
        PlaybookValidator.Validate([playbook]).ShouldContain(d => d.Message == message && d.Severity == DiagnosticSeverity.Error);
    }
}
