using NetBufRules.Report;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Report;

public sealed class PrometheusReportTests
{
    private static async Task<string> Replayed(string snapshot)
    {
        // The drop-reasons example's recordings need its playbook beside the pack.
        string[] playbooks = snapshot.StartsWith("drop-reasons/", StringComparison.Ordinal)
            ? [Repo.Playbooks, Path.Combine(Repo.Root, "examples", "playbooks")]
            : [Repo.Playbooks];
        var (code, output, error) = await CliRunner.Run([
            "run", .. playbooks, "--from", Path.Combine(Repo.Snapshots, snapshot + ".json"), "--format", "prometheus"]);
        error.ShouldBeEmpty();
        code.ShouldBeOneOf(0, 1);
        return output;
    }

    /// <summary>Every recorded snapshot, the drop-reasons example's included, by its name under examples/snapshots/.</summary>
    public static TheoryData<string> Recordings() =>
        [.. Directory.GetFiles(Repo.Snapshots, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.ChangeExtension(Path.GetRelativePath(Repo.Snapshots, f), null).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void A_help_text_is_one_inert_line_whatever_a_pack_writes_in_it()
    {
        // A pack's metric help reached the textfile with a raw CR and ESC; only \\ and \n are escapes there.
        PrometheusReportWriter.HelpText("h\r\n# TYPE evil counter\u001b\u200b").ShouldBe(@"h\\r\n# TYPE evil counter\\x1b\\u200b");
        PrometheusReportWriter.HelpText(@"a\b").ShouldBe(@"a\\b");
        PrometheusReportWriter.HelpText("plain help").ShouldBe("plain help");
    }

    [Fact]
    public async Task The_prometheus_report_of_a_recorded_fault_is_pinned()
    {
        GoldenFile.Match(Path.Combine(Repo.Golden, "report-netns-backlog.prom.txt"), await Replayed("netns-backlog"));
    }

    [Fact]
    public async Task A_fired_playbook_is_one_hot_in_its_status_and_firing_with_its_severity()
    {
        var output = await Replayed("netns-backlog");
        output.ShouldContain("netbufrules_playbook_status{playbook=\"tcp-backlog\",severity=\"warning\",status=\"fired\"} 1\n");
        output.ShouldContain("netbufrules_playbook_status{playbook=\"tcp-backlog\",severity=\"warning\",status=\"ok\"} 0\n");
        output.ShouldContain("netbufrules_playbook_firing{playbook=\"tcp-backlog\",severity=\"warning\"} 1\n");
        output.ShouldContain("netbufrules_playbook_firing{playbook=\"nic-drops\",severity=\"warning\"} 0\n");
    }

    [Fact]
    public async Task The_key_measurements_each_playbook_declares_are_gauges_in_base_units()
    {
        var output = await Replayed("netns-backlog");
        output.ShouldContain("# TYPE netbufrules_tcp_backlog_listen_overflows_per_second gauge\n");
        output.ShouldMatch(@"\nnetbufrules_tcp_backlog_listen_overflows_per_second [1-9][\d.]*\n");
        output.ShouldContain("# TYPE netbufrules_file_descriptors_system_files_ratio gauge\n");
    }

    [Theory]
    [InlineData("netns-xfrm-policy", "xfrm-policy", "xfrm_policy_output_errors_per_second")]
    [InlineData("netns-tc-egress", "tc-egress-drops", "tc_egress_drops_filter_drops_per_second")]
    [InlineData("red-team/netns-udp6-too-large", "udp-datagram-too-large", "udp_datagram_too_large_send_errors_per_second")]
    [InlineData("netns-optmem-zerocopy", "socket-option-memory", "socket_option_memory_option_memory_ratio")]
    [InlineData("netns-multicast-groups", "multicast-limits", "multicast_limits_limit_fill_ratio")]
    [InlineData("netns-multicast-sources", "multicast-limits", "multicast_limits_limit_fill_ratio")]
    // Inside a namespace the neighbour table's statistics are the host's and not readable: the kernel log remains.
    [InlineData("netns-neighbour-overflow", "neighbour-table", "neighbour_table_overflow_log_lines")]
    public async Task A_recorded_catalogue_fault_shows_its_key_measurement_above_zero(string snapshot, string playbook, string metric)
    {
        var output = await Replayed(snapshot);
        output.ShouldContain($"netbufrules_playbook_firing{{playbook=\"{playbook}\",severity=\"warning\"}} 1\n");
        output.ShouldContain($"# TYPE netbufrules_{metric} gauge\n");
        var sample = System.Text.RegularExpressions.Regex.Match(output, $@"\nnetbufrules_{metric} (\S+)\n");
        sample.Success.ShouldBeTrue($"no sample of netbufrules_{metric}");
        double.Parse(sample.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_measurement_whose_probe_was_skipped_is_left_out_not_zero()
    {
        // tcp_mem is host-global: skipped inside a namespace, so its ratio cannot be measured there.
        var output = await Replayed("netns-healthy");
        output.ShouldNotContain("netbufrules_tcp_memory_memory_of_max_ratio");
        output.ShouldContain("netbufrules_playbook_probes{playbook=\"tcp-memory\",severity=\"warning\",status=\"skipped\"} ");
    }

    [Fact]
    public async Task The_output_has_no_timestamps_and_the_run_time_as_a_value()
    {
        var output = await Replayed("netns-backlog");
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
            line.Split(' ').Length.ShouldBe(2, line);
        var recorded = Replay.Load("netns-backlog").Host.Time.ToUnixTimeMilliseconds() / 1000.0;
        output.ShouldContain($"netbufrules_last_run_timestamp_seconds {recorded.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}\n");
    }

    [Fact]
    public async Task A_folder_of_snapshots_is_a_usage_error_in_prometheus_format()
    {
        var (code, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", Repo.Snapshots, "--format", "prometheus");
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldStartWith("netbufrules: --format prometheus describes one host;");
    }

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline()
    {
        PrometheusReportWriter.EscapeLabel("a\\b\"c\nd").ShouldBe("a\\\\b\\\"c\\nd");
    }

    [SkippableTheory]
    [MemberData(nameof(Recordings))]
    public async Task Promtool_accepts_the_report_of_a_recording(string snapshot)
    {
        Promtool.Require();
        var (code, output) = Promtool.Run(await Replayed(snapshot), "check", "metrics");
        output.ShouldBeEmpty();
        code.ShouldBe(0);
    }

    [SkippableFact]
    public async Task Promtool_accepts_the_report_of_this_host()
    {
        Promtool.Require();
        var (_, report, _) = await CliRunner.Run("run", Repo.Playbooks, "--format", "prometheus", "--interval", "0.5");
        report.ShouldContain("netbufrules_playbook_status{");
        var (code, output) = Promtool.Run(report, "check", "metrics");
        output.ShouldBeEmpty();
        code.ShouldBe(0);
    }
}
