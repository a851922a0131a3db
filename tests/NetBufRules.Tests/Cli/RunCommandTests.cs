using System.Text.Json;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Cli;

public sealed class RunCommandTests
{
    private static readonly string[] Ids = ["tcp-backlog", "socket-buffers", "file-descriptors", "memory-pressure", "tcp-memory", "nic-drops", "netlink-drops", "neighbour-table", "multicast-limits", "socket-option-memory",
        "xfrm-policy", "tc-egress-drops", "udp-datagram-too-large"];

    [Fact]
    public async Task A_missing_path_exits_2_with_one_clear_line()
    {
        var (code, output, error) = await CliRunner.Run("run", "/no/such/dir");
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe("/no/such/dir:1:1: error NBR009: no such file or folder: '/no/such/dir' (hint: check the path; run without a path for the built-in pack)\n");
    }

    [Fact]
    public async Task Invalid_playbooks_exit_2_with_every_problem_and_nothing_runs()
    {
        var (code, output, error) = await CliRunner.Run("run", Path.Combine(Repo.Golden, "load", "all-at-once.yaml"));
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(7);
        error.ShouldEndWith("netbufrules: 6 error(s) in playbooks; nothing was run\n");
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_usage_error_exits_2()
    {
        var (code, _, error) = await CliRunner.Run("run", "--format", "yaml");
        code.ShouldBe(2);
        error.ShouldContain("yaml");
    }

    [Fact]
    public async Task An_unknown_param_override_exits_2()
    {
        var (code, _, error) = await CliRunner.Run("run", Repo.Playbooks, "--set", "tcp-backlog.min_somaxcon=8192", "--interval", "0");
        code.ShouldBe(2);
        error.ShouldContain("did you mean 'min_somaxconn'?");
    }

    [Fact]
    public async Task Running_the_pack_on_this_machine_reports_every_playbook_and_the_exit_code_follows_what_fired()
    {
        var (code, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--format", "json", "--interval", "0.2");
        error.ShouldBeEmpty();
        using var json = JsonDocument.Parse(output);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("id").GetString()).Order().ShouldBe(Ids.Order());
        results.ShouldAllBe(r => r.GetProperty("status").GetString() != "error");
        var fired = results.Any(r => r.GetProperty("status").GetString() == "fired");
        code.ShouldBe(fired ? 1 : 0);
    }

    [Fact]
    public async Task Without_a_path_the_embedded_pack_runs()
    {
        var (_, output, _) = await CliRunner.Run("run", "--format", "json", "--interval", "0");
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("file").GetString()!)
            .ShouldAllBe(f => f.StartsWith("builtin:playbooks/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_embedded_pack_is_the_playbooks_folder()
    {
        var embedded = NetBufRules.Load.PlaybookLoader.LoadBuiltIn().Playbooks.Select(p => p.Id).Order();
        var folder = NetBufRules.Load.PlaybookLoader.Load([Repo.Playbooks]).Playbooks.Select(p => p.Id).Order();
        embedded.ShouldBe(folder);
    }

    [Fact]
    public async Task Replaying_a_snapshot_twice_gives_identical_reports()
    {
        var snapshot = Path.Combine(Repo.Snapshots, "netns-backlog.json");
        var first = await CliRunner.Run("run", Repo.Playbooks, "--from", snapshot, "--format", "json");
        var second = await CliRunner.Run("run", Repo.Playbooks, "--from", snapshot, "--format", "json");
        first.ExitCode.ShouldBe(1);
        second.Out.ShouldBe(first.Out);
    }

    [Fact]
    public async Task Json_output_escapes_only_what_json_requires()
    {
        // A report is read by people and jq, not put into an HTML page: "+" and "'" stay as they are.
        var (_, report, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Path.Combine(Repo.Snapshots, "netns-backlog.json"), "--format", "json");
        report.ShouldMatch("\"time\": \"[0-9T:.-]+\\+00:00\"");
        var (_, lint, _) = await CliRunner.Run("lint", Path.Combine(Repo.Golden, "lint", "NBR022-unknown-see-also.yaml"), "--format", "json");
        lint.ShouldContain("see_also names '");
        lint.ShouldNotContain("\\u00");
    }

    [Fact]
    public async Task A_foreign_snapshot_file_exits_2_with_its_place()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "{\"results\": [");
            var (code, _, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", file);
            code.ShouldBe(2);
            error.ShouldStartWith($"netbufrules: {file}:1:");
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class FleetReplayTests
{
    [Fact]
    public async Task A_folder_of_snapshots_gives_one_summary_across_hosts_not_a_report_per_host()
    {
        var (code, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Repo.Snapshots);
        code.ShouldBe(1);
        output.ShouldNotContain("=== ");
        output.ShouldContain("Across 19 hosts (kernel 6.18.44-fc-v782 on 10, 6.18.44-fc-v669 on 9):\n");
        output.ShouldContain("  tcp-backlog fired on 2 of 19 hosts (netns-backlog, netns-fd-starved); advice on 0; skipped on 0\n");
        output.ShouldContain("  tcp-memory fired on 0 of 19 hosts; advice on 3; skipped on 16\n");
        output.ShouldContain("  netlink-drops fired on 1 of 19 hosts (netns-netlink); advice on 0; skipped on 0\n");
    }

    [Fact]
    public async Task The_fleet_summary_of_the_recorded_snapshots_reads_as_pinned()
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Repo.Snapshots);
        GoldenFile.Match(Path.Combine(Repo.Golden, "fleet-snapshots.out.txt"), output);
    }

    [Fact]
    public async Task The_worst_hosts_come_first_and_hosts_with_the_same_finding_are_grouped()
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Repo.Snapshots);
        var worst = output[(output.IndexOf("Worst hosts:\n", StringComparison.Ordinal) + 13)..output.IndexOf("Same findings:\n", StringComparison.Ordinal)];
        var severities = worst.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("more hosts", StringComparison.Ordinal))
            .Select(l => l.Split(": ")[1].Split(',')[0]).Select(s => Array.IndexOf(["info", "warning", "critical"], s)).ToList();
        severities.ShouldNotContain(-1);
        severities.ShouldBe([.. severities.OrderDescending()], "worst first: critical, then warning, then info");
        output.ShouldContain("  2 hosts: socket-option-memory(at_limit, optmem) (netns-optmem-joins, netns-optmem-zerocopy)\n");
    }

    [Fact]
    public async Task Only_fired_lists_the_findings_of_just_the_hosts_where_something_fired()
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Repo.Snapshots, "--only-fired");
        output.ShouldContain("\n=== netns-backlog (");
        output.ShouldContain("[FIRED] tcp-backlog (warning): ");
        output.ShouldNotContain("=== host-root");
        output.ShouldNotContain("=== netns-healthy");
    }

    [Fact]
    public async Task Host_lists_are_cut_with_a_count_in_text_and_complete_in_json()
    {
        var dir = Directory.CreateTempSubdirectory("nbr-fleet-");
        try
        {
            for (var i = 0; i < 12; i++) File.Copy(Path.Combine(Repo.Snapshots, "netns-backlog.json"), Path.Combine(dir.FullName, $"web-{i:00}.json"));
            var (_, text, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", dir.FullName);
            text.ShouldContain("  tcp-backlog fired on 12 of 12 hosts (web-00, web-01, web-02, web-03, web-04, +7 more); ");
            text.ShouldContain("  12 hosts: tcp-backlog(full_listeners) (web-00, web-01, web-02, web-03, web-04, +7 more)\n");
            text.ShouldContain("  (+2 more hosts with a cause fired)\n");

            var (_, json, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", dir.FullName, "--format", "json");
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            doc.RootElement.GetProperty("summary").GetProperty("playbooks").GetProperty("tcp-backlog").GetProperty("fired_on").GetArrayLength().ShouldBe(12);
            doc.RootElement.GetProperty("summary").GetProperty("groups")[0].GetProperty("hosts").GetArrayLength().ShouldBe(12);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_fleet_json_counts_each_status_per_playbook_and_keeps_each_hosts_verdicts()
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Repo.Snapshots, "--format", "json");
        using var json = System.Text.Json.JsonDocument.Parse(output);
        json.RootElement.GetProperty("schema").GetString().ShouldBe("netbufrules/fleet-report/v2");
        json.RootElement.GetProperty("hosts").GetArrayLength().ShouldBe(19);
        var nic = json.RootElement.GetProperty("summary").GetProperty("playbooks").GetProperty("nic-drops");
        nic.GetProperty("fired_on").EnumerateArray().Select(e => e.GetString()).ShouldContain("netns-qdisc");
        nic.GetProperty("fired").GetInt32().ShouldBe(nic.GetProperty("fired_on").GetArrayLength());
        var qdisc = json.RootElement.GetProperty("hosts").EnumerateArray().Single(h => h.GetProperty("label").GetString() == "netns-qdisc");
        qdisc.GetProperty("statuses").GetProperty("nic-drops").GetString().ShouldBe("fired");
        qdisc.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "nic-drops").GetProperty("reason").GetString()!.ShouldNotBeEmpty();
        var xfrm = json.RootElement.GetProperty("summary").GetProperty("playbooks").GetProperty("xfrm-policy");
        xfrm.GetProperty("fired").GetInt32().ShouldBe(1);
        xfrm.GetProperty("fired_on")[0].GetString().ShouldBe("netns-xfrm-policy");
    }

    [Fact]
    public async Task Only_fired_in_json_keeps_just_the_hosts_where_something_fired()
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Repo.Snapshots, "--format", "json", "--only-fired");
        using var json = System.Text.Json.JsonDocument.Parse(output);
        json.RootElement.GetProperty("hosts").EnumerateArray().ShouldAllBe(h => h.GetProperty("results").EnumerateArray().Any(r => r.GetProperty("status").GetString() == "fired"));
        json.RootElement.GetProperty("summary").GetProperty("hosts").GetInt32().ShouldBe(19, "the summary still counts every host");
    }

    [Fact]
    public async Task A_bad_snapshot_in_a_fleet_is_named_and_the_other_hosts_are_reported()
    {
        var dir = Directory.CreateTempSubdirectory("nbr-fleet-");
        try
        {
            File.Copy(Path.Combine(Repo.Snapshots, "netns-backlog.json"), Path.Combine(dir.FullName, "a.json"));
            File.WriteAllText(Path.Combine(dir.FullName, "b.json"), "{\"format\": \"netbufrules/snapshot/v1\", \"host\": {}}");
            var (code, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", dir.FullName);
            code.ShouldBe(2);
            output.ShouldStartWith("Across 1 hosts");
            output.ShouldContain("b.json: $: Required properties");
            error.ShouldContain("b.json: $: Required properties");
            error.ShouldEndWith("netbufrules: 1 of 2 snapshots refused; the report covers the other 1\n");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_snapshot_lacking_a_probe_skips_the_playbook_naming_the_probe()
    {
        var file = Path.GetTempFileName();
        try
        {
            var snapshot = Replay.Load("netns-healthy").Without(s => s.Key.StartsWith("file:/proc/sys/net/ipv4/tcp_mem", StringComparison.Ordinal) || s.Describe.StartsWith("sysctl -n net.ipv4.tcp_mem", StringComparison.Ordinal));
            await File.WriteAllTextAsync(file, NetBufRules.Probe.Recording.SnapshotJson.Write(snapshot));
            var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", file, "--verbose");
            output.ShouldContain("[SKIPPED]   tcp-memory");
            output.ShouldContain("tcp_mem: /proc/sys/net/ipv4/tcp_mem is not in the snapshot; sysctl -n net.ipv4.tcp_mem is not in the snapshot");
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class ColourTests
{
    private static async Task<string> Report(bool terminal, params string[] extra)
    {
        var output = new StringWriter();
        var host = new NetBufRules.Cli.CliHost(output, new StringWriter(), () => new NetBufRules.Probe.LiveSourceReader(), () => CliRunner.FixedHost, terminal);
        await new NetBufRules.Cli.CliApp(host).RunAsync(["run", Repo.Playbooks, "--from", Path.Combine(Repo.Snapshots, "netns-backlog.json"), .. extra]);
        return output.ToString();
    }

    [Fact]
    public async Task The_text_report_is_coloured_on_a_terminal_only_and_never_with_no_color()
    {
        (await Report(terminal: true)).ShouldContain("\u001b[31;1m[FIRED]\u001b[0m");
        (await Report(terminal: false)).ShouldNotContain("\u001b[");
        (await Report(terminal: true, "--no-color")).ShouldNotContain("\u001b[");
    }

    [Fact]
    public void NO_COLOR_in_the_environment_turns_colour_off()
    {
        var before = Environment.GetEnvironmentVariable("NO_COLOR");
        try
        {
            Environment.SetEnvironmentVariable("NO_COLOR", "1");
            NetBufRules.Cli.CliHost.Real().Color.ShouldBeFalse();
        }
        finally
        {
            Environment.SetEnvironmentVariable("NO_COLOR", before);
        }
    }
}
