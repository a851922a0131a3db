using NetBufRules.Evaluate;
using NetBufRules.Lint;
using NetBufRules.Params;
using NetBufRules.Probe;
using NetBufRules.Render;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Hostile;

/// <summary>
/// Host data (a process or unit name, which any user can set) and values known only at run time cannot shape a fix:
/// the playbook loads cleanly, and the finding becomes an error with the template's place and no fix at all.
/// </summary>
public sealed class FixHostDataTests
{
    // A table probe whose rows come from the "host": pid, unit, comm and hard, split on ':' so a name may hold anything else.
    private const string Rows = """
          procs:
            file: /proc/fake/procs
            extract: { regex: '(?<pid>\d+):(?<unit>[^:]*):(?<comm>[^:]*):(?<hard>\d+);', all: true }

        """;

    private const string DropIn = """
          - path: /etc/systemd/system/{{ row.unit }}.d/90-x.conf
            each: procs
            template: |
              [Service]
              # pid {{ row.pid }} ({{ row.comm }}) is near its limit
              LimitNOFILE={{ max 65536 row.hard }}
            then: [systemctl, daemon-reload]
        """;

    // The same rows from the engine's own process table: the only table whose limits a drop-in is checked against.
    private const string ProcessRows = """
          procs:
            processes: { netns: all }

        """;

    /// <summary>"pid:unit:comm:hard;" rows as the process table's columns (as a recording or a playbook test gives them).</summary>
    private static string ProcessTable(string procs) =>
        "pid\tfds\tsoft\thard\tuid\tunit\tcomm\n" + string.Concat(procs.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split(':')).Select(f => $"{f[0]}\t10\t1024\t{f[3]}\t0\t{f[1]}\t{f[2]}\n"));

    private static async Task<RenderedFinding> Render(string fix, string procs = "", string somaxconn = "4096", string probes = Rows, string tail = "", FakeSourceReader? reader = null)
    {
        var playbook = Playbooks.Parse(FixHostilePlaybook.Yaml(fix, probes, tail), "hostile.yaml");
        PlaybookValidator.Validate([playbook]).ShouldBeEmpty("the attack is in the data: the playbook itself is clean");
        reader ??= new FakeSourceReader();
        reader.With("/proc/sys/net/core/somaxconn", somaxconn).With("/proc/fake/procs", procs);
        if (probes == ProcessRows) reader.With(new NetBufRules.Model.ProcessesSource().Describe(), ProcessTable(procs));
        using var runner = new ProbeRunner(reader, new ProbeRunOptions(TimeSpan.Zero));
        var run = await runner.RunAsync([playbook]);
        var finding = new ConditionEvaluator().Evaluate(playbook, run.For("hostile"), new ParamOverrides().Resolve(playbook));
        return new FixRenderer().Render(finding);
    }

    private static void ShouldBeRefused(RenderedFinding result, string code, string because)
    {
        result.Status.ShouldBe(FindingStatus.Error, result.Reason);
        result.Reason.ShouldStartWith("hostile.yaml:");
        result.Reason.ShouldContain($"fix refused ({code}): ");
        result.Reason.ShouldContain(because);
        result.Reason.ShouldContain("(hint: ");
        result.Fixes.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_per_row_fix_writes_at_most_its_cap_of_files_and_names_the_rows_it_left()
    {
        // A snapshot of 50,000 processes in as many units near their limit rendered 50,000 drop-ins: ten minutes a replay.
        var procs = string.Concat(Enumerable.Range(1, FixRenderer.MaxFilesPerFix + 8).Select(i => $"{4000 + i}:svc{i}.service:svc:524288;"));
        var result = await Render(DropIn, procs, probes: ProcessRows);
        result.Status.ShouldBe(FindingStatus.Fired, result.Reason);
        result.Fixes.Count.ShouldBe(FixRenderer.MaxFilesPerFix);
        result.Fixes[0].Path.ShouldBe("/etc/systemd/system/svc1.service.d/90-x.conf");
        result.Notes.ShouldContain(n => n.Contains($"written for the first {FixRenderer.MaxFilesPerFix} rows of procs only; 8 more not rendered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clean_service_name_gets_its_drop_in()
    {
        var result = await Render(DropIn, "4242:nginx.service:nginx:524288;", probes: ProcessRows);
        result.Status.ShouldBe(FindingStatus.Fired, result.Reason);
        var fix = result.Fixes.ShouldHaveSingleItem();
        fix.Path.ShouldBe("/etc/systemd/system/nginx.service.d/90-x.conf");
        fix.Content.ShouldBe("[Service]\n# pid 4242 (nginx) is near its limit\nLimitNOFILE=524288\n");
    }

    [Fact]
    public async Task A_process_name_with_a_newline_cannot_add_a_line_to_a_drop_in()
    {
        var result = await Render(DropIn, "4242:nginx.service:nginx\nLimitNOFILE=1024:524288;");
        ShouldBeRefused(result, "NBR044", "an interpolated value contains the control character U+000A ('nginx\nLimitNOFILE=1024')");
        // The place is the {{ row.comm }} inside the template: the "# pid" line, column 31.
        result.Reason.ShouldStartWith("hostile.yaml:19:31: ");
    }

    [Fact]
    public async Task A_process_name_cannot_add_a_core_pattern_to_a_sysctl_drop_in()
    {
        var result = await Render("""
              - path: /etc/sysctl.d/90-x.conf
                each: procs
                template: |
                  # raised for {{ row.comm }}
                  net.core.somaxconn = {{ max somaxconn 4096 }}
                then: [sysctl, -p, /etc/sysctl.d/90-x.conf]
            """, "1:-:x\nkernel.core_pattern = |/tmp/evil %p:0;");
        ShouldBeRefused(result, "NBR044", "an interpolated value contains the control character U+000A");
    }

    [Fact]
    public async Task A_process_name_with_a_terminal_escape_is_not_written_into_a_file()
    {
        var result = await Render(DropIn, "4242:nginx.service:\u001b]0;pwned\u0007:524288;");
        ShouldBeRefused(result, "NBR044", "an interpolated value contains the control character U+001B ('\u001b]0;pwned\u0007')");
    }

    [Theory]
    [InlineData("../../../etc/cron.d/x.service", "NBR044", "an interpolated path value contains '..'")]
    [InlineData("evil/x.service", "NBR044", "an interpolated path value contains '/'")]
    [InlineData("a b.service", "NBR044", "an interpolated path value contains whitespace")]
    [InlineData("a;b.service", "NBR044", "an interpolated path value contains ';'")]
    [InlineData("a\tb.service", "NBR044", "an interpolated value contains the control character U+0009")]
    [InlineData("nginx", "NBR040", "fix path rendered as '/etc/systemd/system/nginx.d/90-x.conf': 'nginx' is not a valid systemd unit name")]
    [InlineData("evil.socket", "NBR040", "fix path rendered as '/etc/systemd/system/evil.socket.d/90-x.conf': 'evil.socket' is not a service")]
    public async Task A_unit_name_from_the_host_must_be_one_service_name(string unit, string code, string because)
    {
        ShouldBeRefused(await Render(DropIn, $"4242:{unit}:nginx:524288;"), code, because);
    }

    [Fact]
    public async Task One_bad_row_refuses_the_whole_finding_never_a_partial_set_of_fixes()
    {
        var result = await Render(DropIn, "1:good.service:a:524288;2:bad..service:b:524288;3:also-good.service:c:524288;", probes: ProcessRows);
        ShouldBeRefused(result, "NBR044", "an interpolated path value contains '..'");
    }

    [Fact]
    public async Task A_param_with_a_newline_cannot_forge_a_sysctl_line()
    {
        var result = await Render(
            "  - path: /etc/sysctl.d/90-x.conf\n    template: \"net.core.somaxconn = {{ advised }}\"\n",
            probes: "", tail: "params:\n  advised: \"8192\\nkernel.core_pattern = |/tmp/evil %p\"\n");
        ShouldBeRefused(result, "NBR044", "an interpolated value contains the control character U+000A ('8192\nkernel.core_pattern = |/tmp/evil %p')");
    }

    [Fact]
    public async Task A_fix_that_would_lower_a_measured_sysctl_is_refused()
    {
        var result = await Render("  - path: /etc/sysctl.d/90-x.conf\n    template: \"net.core.somaxconn = {{ min somaxconn 4096 }}\"\n", somaxconn: "8192", probes: "");
        ShouldBeRefused(result, "NBR042", "/etc/sysctl.d/90-x.conf line 1 'net.core.somaxconn = 4096': net.core.somaxconn = 4096 would lower the current 8192");
    }

    [Fact]
    public async Task A_fix_that_sets_a_sysctl_the_run_did_not_measure_is_refused()
    {
        var result = await Render("  - path: /etc/sysctl.d/90-x.conf\n    template: \"net.core.rmem_max = {{ somaxconn }}\"\n", probes: "");
        ShouldBeRefused(result, "NBR042", "/etc/sysctl.d/90-x.conf line 1 'net.core.rmem_max = 4096': the fix sets net.core.rmem_max, but the run did not measure its current value");
    }

    [Fact]
    public async Task A_drop_in_that_would_lower_a_services_hard_open_files_limit_is_refused()
    {
        var result = await Render(DropIn.Replace("{{ max 65536 row.hard }}", "65536", StringComparison.Ordinal), "4242:nginx.service:nginx:524288;", probes: ProcessRows);
        ShouldBeRefused(result, "NBR042", "LimitNOFILE=65536 would lower the hard open-files limit 524288 that nginx.service has now");
    }

    [Fact]
    public async Task A_playbooks_own_table_cannot_say_what_open_files_limit_a_unit_has_now()
    {
        // Columns named unit and hard from a regex over any file (the red team's /proc/net/dev) claimed redis had 1024.
        var result = await Render(DropIn.Replace("{{ max 65536 row.hard }}", "1024", StringComparison.Ordinal), "4242:redis.service:redis:1024;");
        ShouldBeRefused(result, "NBR042", "the fix sets LimitNOFILE= for redis.service, but the run measured no process of that unit");
    }

    [Fact]
    public async Task A_playbooks_own_table_cannot_say_what_memory_limit_a_unit_has_now()
    {
        var result = await Render("""
              - path: /etc/systemd/system/{{ row.unit }}.d/90-x.conf
                each: mem
                template: |
                  [Service]
                  MemoryMax=256M
                then: [systemctl, daemon-reload]
            """, "redis.service:268435456;", probes: """
              mem:
                file: /proc/fake/procs
                extract: { regex: '(?<unit>[^:;]+):(?<memory_max>\d+);', all: true }

            """);
        ShouldBeRefused(result, "NBR042", "the fix sets MemoryMax= for redis.service, but the run did not measure the unit's current memory limit");
    }

    [Fact]
    public async Task An_open_files_limit_above_the_measured_nr_open_is_refused()
    {
        var reader = new FakeSourceReader().With("/proc/sys/fs/nr_open", "1048576");
        var result = await Render(DropIn, "4242:nginx.service:nginx:2000000;", probes: Rows + "  nr_open:\n    sysctl: fs.nr_open\n", reader: reader);
        ShouldBeRefused(result, "NBR042", "LimitNOFILE=2000000 is above fs.nr_open (1048576)");
    }

    [Fact]
    public async Task A_playbooks_own_table_cannot_raise_the_open_files_ceiling()
    {
        // Only the built-in processes table shows limits the kernel accepted; a regex over any file could claim anything.
        var result = await Render(DropIn, "4242:nginx.service:nginx:2000000;");
        ShouldBeRefused(result, "NBR042", "LimitNOFILE=2000000 is above fs.nr_open (1048576, the kernel default; the playbook does not measure it)");
    }
}
