using System.Text.Json;
using NetBufRules.Output;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Output;

public sealed class OutputFormatTests
{
    private static string Snapshot(string name) => Path.Combine(Repo.Snapshots, name + ".json");

    [Fact]
    public async Task An_unknown_format_is_a_usage_error_that_lists_every_registered_format()
    {
        var (code, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot("netns-backlog"), "--format", "yaml");
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        foreach (var name in OutputFormats.Names) error.ShouldContain($"'{name}'");
    }

    [Fact]
    public void The_registry_has_one_format_per_name_and_text_first()
    {
        OutputFormats.Names.ShouldBe(["text", "json", "prometheus", "markdown", "html"]);
        OutputFormats.Find("markdown").ShouldBeOfType<MarkdownFormat>();
        OutputFormats.Find("yaml").ShouldBeNull();
    }

    [Theory]
    [InlineData("text")]
    [InlineData("markdown")]
    [InlineData("html")]
    [InlineData("json")]
    public async Task Every_format_gives_the_same_exit_code_for_the_same_snapshot(string format)
    {
        var (fired, _, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot("netns-backlog"), "--format", format);
        var (healthy, _, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot("netns-healthy"), "--format", format);
        fired.ShouldBe(1);
        healthy.ShouldBe(0);
    }

    [Fact]
    public async Task Quiet_prints_only_the_summary_line_and_keeps_the_exit_code()
    {
        var (code, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot("netns-backlog"), "--quiet");
        code.ShouldBe(1);
        output.ShouldBe("1 fired, 2 advice, 5 ok, 5 skipped, 0 error\n");
    }

    [Fact]
    public async Task Quiet_and_verbose_together_are_a_usage_error()
    {
        var (code, _, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot("netns-backlog"), "--quiet", "--verbose");
        code.ShouldBe(2);
        error.ShouldContain("--verbose and --quiet");
    }

    [Fact]
    public async Task The_text_report_puts_fired_first_then_advice_then_one_line_for_the_rest()
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot("netns-backlog"));
        var lines = output.Split('\n');
        var fired = Array.FindIndex(lines, l => l.StartsWith("[FIRED]", StringComparison.Ordinal));
        var advice = Array.FindIndex(lines, l => l.StartsWith("[ADVICE]", StringComparison.Ordinal));
        fired.ShouldBeGreaterThan(0);
        advice.ShouldBeGreaterThan(fired);
        lines.ShouldNotContain(l => l.StartsWith("[OK]", StringComparison.Ordinal) || l.StartsWith("[SKIPPED]", StringComparison.Ordinal));
        lines.ShouldContain("ok: 5 (file-descriptors, neighbour-table, netlink-drops, nic-drops, tc-egress-drops)");
        lines.ShouldContain(l => l.StartsWith("skipped: 5 (multicast-limits, ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_finding_that_needs_attention_ends_its_sentence_with_the_fix()
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot("netns-backlog"));
        var lines = output.Split('\n');
        var advice = lines.SkipWhile(l => !l.StartsWith("[ADVICE]    socket-buffers", StringComparison.Ordinal)).Skip(1).First();
        advice.ShouldEndWith("Fix: write /etc/sysctl.d/90-netbufrules-socket-buffers.conf, then run sysctl -p /etc/sysctl.d/90-netbufrules-socket-buffers.conf.");
        // somaxconn and tcp_max_syn_backlog are at their recommendation here: a file would change nothing, so the
        // sentence names the lever and no fix.
        var fired = lines.SkipWhile(l => !l.StartsWith("[FIRED]", StringComparison.Ordinal)).Skip(1).First();
        fired.ShouldStartWith("  The accept queue overflowed 40 times");
        fired.ShouldContain("No sysctl file is written");
        fired.ShouldNotContain("Fix:");
    }

    [Fact]
    public async Task Evidence_keeps_what_was_measured_apart_from_the_thresholds_with_units()
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot("netns-backlog"));
        var lines = output.Split('\n');
        var measured = lines.First(l => l.StartsWith("  measured: listen.overflows", StringComparison.Ordinal));
        var compared = lines.First(l => l.StartsWith("  compared with: max_overflows_per_s", StringComparison.Ordinal));
        measured.ShouldContain("listen.overflows = 154 (+40, 40.987/s)");
        measured.ShouldNotContain("max_overflows_per_s");
        compared.ShouldContain("max_overflows_per_s = 1/s");
        compared.ShouldNotContain("listen.overflows");
        lines.ShouldContain(l => l.Contains("rmem_max = 4194304 bytes (4 MiB)", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("min_rmem_max = 16777216 bytes (16 MiB)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_note_a_probe_left_is_said_once_per_report_not_once_per_result()
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot("host-user"));
        var notes = output.Split('\n').Where(l => l.Contains("processes not readable", StringComparison.Ordinal)).ToList();
        notes.Count.ShouldBe(1, output);
        notes[0].ShouldStartWith("note: ");
    }

    [Fact]
    public async Task Verbose_shows_every_result_with_its_evidence_and_the_probes_that_were_skipped()
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot("netns-backlog"), "--verbose");
        output.ShouldContain("[OK]        file-descriptors: ");
        output.ShouldContain("[SKIPPED]   tcp-memory: ");
        output.ShouldContain("  note: probe udp_mem skipped: net.ipv4.udp_mem belongs to the host");
        output.ShouldNotContain("--verbose says why");
    }

    [Fact]
    public async Task Pages_are_shown_as_bytes_too()
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot("host-root"), "--verbose");
        output.ShouldMatch(@"tcp_mem\.max = \d+ pages \([\d.]+ [KMG]iB\)");
    }

    public static TheoryData<string> Snapshots() =>
        [.. Directory.GetFiles(Repo.Snapshots, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task Identifiers_never_get_a_rate_and_delta_cells_are_left_to_the_rate(string snapshot)
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot(snapshot), "--format", "json");
        using var json = JsonDocument.Parse(output);
        foreach (var result in json.RootElement.GetProperty("results").EnumerateArray())
        {
            foreach (var entry in result.GetProperty("evidence").EnumerateObject().Where(e => e.Value.GetProperty("kind").GetString() == "table"))
            {
                var columns = entry.Value.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
                string[] identifiers = ["pid_rate", "uid_rate", "ino_rate", "port_rate", "cpu_rate", "ifindex_rate"];
                columns.Intersect(identifiers).ShouldBeEmpty($"{result.GetProperty("id")}: {entry.Name}");
                columns.Where(c => c.EndsWith("_delta", StringComparison.Ordinal) && columns.Contains(c.Substring(0, c.Length - 6))).ShouldBeEmpty($"{result.GetProperty("id")}: {entry.Name}");
            }
        }
    }

    [Theory]
    [InlineData("markdown", "md")]
    [InlineData("html", "html")]
    public async Task The_markdown_and_html_reports_of_a_snapshot_are_pinned(string format, string extension)
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot("netns-backlog"), "--format", format);
        GoldenFile.Match(Path.Combine(Repo.Golden, $"report-netns-backlog.{extension}"), output);
    }

    [Theory]
    [InlineData("markdown", "md")]
    [InlineData("html", "html")]
    public async Task The_markdown_and_html_fleet_pages_are_pinned(string format, string extension)
    {
        var (code, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Repo.Snapshots, "--format", format);
        code.ShouldBe(1);
        GoldenFile.Match(Path.Combine(Repo.Golden, $"fleet-snapshots.{extension}"), output);
    }

    [Fact]
    public async Task The_fleet_page_has_a_host_by_cause_matrix_and_the_groups_of_the_fleet_summary()
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Repo.Snapshots, "--format", "markdown");
        output.ShouldContain("| host | file-descriptors |");
        output.ShouldContain("| netns-backlog |");
        output.ShouldContain("## Same findings");
        output.ShouldContain("tcp-backlog(full\\_listeners)");
    }

    [Fact]
    public async Task Prometheus_refuses_a_fleet_and_names_the_formats_that_describe_one()
    {
        var (code, _, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", Repo.Snapshots, "--format", "prometheus");
        code.ShouldBe(2);
        error.ShouldContain("use text, json, markdown, html");
    }
}
