using System.Text.Json;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Packaging;

/// <summary>
/// The team pack with netbufrules installed as a .NET tool from a locally built package (not the source tree): it
/// lints strictly, its tests pass from a copy in another folder, and the extended playbook shows the team's threshold
/// and its base's later change.
/// </summary>
public sealed class PackagedToolTests(PackagedTool tool) : IClassFixture<PackagedTool>
{

    private static string TeamPack => Path.Combine(Repo.Root, "examples", "team-pack");

    private string Copy => tool.CopyOf(TeamPack, "team-pack");

    private static IReadOnlyList<(string Id, string Status, string Severity)> Results(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("status").GetString()!, r.GetProperty("severity").GetString()!))];
    }

    [Fact]
    public void The_installed_tool_is_the_package_s_version()
    {
        var (code, output, error) = tool.Tool(tool.Root, "--version");
        code.ShouldBe(0, error);
        output.ShouldStartWith(tool.Version);
    }

    [Fact]
    public void The_team_pack_passes_lint_strict()
    {
        var (code, output, error) = tool.Tool(Repo.Root, "lint", "--strict", "examples/team-pack");
        output.ShouldBe("0 error(s), 0 warning(s) in 2 file(s)\n", error);
        code.ShouldBe(0);
    }

    [Fact]
    public void The_team_pack_copied_to_another_folder_passes_its_tests_with_require_tests()
    {
        var copy = Copy;
        var (code, output, error) = tool.Tool(copy, "test", "--require-tests");
        error.ShouldBeEmpty();
        output.ShouldEndWith("11 passed, 0 failed\n", Case.Sensitive, output);
        code.ShouldBe(0);
        tool.Tool(copy, "lint", "--strict").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void The_team_pack_runs_on_a_recorded_host_with_the_extended_playbook_at_the_team_s_severity()
    {
        var copy = Copy;
        var (code, output, error) = tool.Tool(copy, "run", ".", "--from", "snapshots/intake-full.json", "--format", "json");
        code.ShouldBe(1, error);
        Results(output).ShouldBe([("tcp-backlog", "advice", "critical"), ("udp-metrics-intake", "fired", "warning")]);
    }

    [Fact]
    public void Explain_shows_the_team_threshold_and_that_the_rest_comes_from_the_built_in_pack()
    {
        var (code, output, error) = tool.Tool(Copy, "explain", "tcp-backlog", "--playbooks", ".");
        code.ShouldBe(0, error);
        output.ShouldStartWith("tcp-backlog: TCP accept and SYN queues (listen backlog) (critical)\n");
        output.ShouldContain("max_overflows_per_s=5, max_drops_per_s=5, max_syn_queue_drops_per_s=1, min_somaxconn=8192, min_syn_backlog=8192");
        output.ShouldContain("WHERE IT COMES FROM\n  extends tcp-backlog (the built-in pack, playbooks/tcp-backlog.yaml)\n");
        output.ShouldContain("    params.max_overflows_per_s  (playbooks/tcp-backlog.yaml:11:3)\n");
    }

    [Fact]
    public void A_later_version_of_the_base_changes_the_extended_playbook_without_touching_the_team_file()
    {
        // The base pack at a later version: a new title and a stricter SYN-queue threshold; the team file is the same.
        var basePack = Path.Combine(tool.Root, "copies", "base-v2");
        Directory.CreateDirectory(basePack);
        File.WriteAllText(Path.Combine(basePack, "tcp-backlog.yaml"), File.ReadAllText(Path.Combine(Repo.Playbooks, "tcp-backlog.yaml"))
            .Replace("title: TCP accept and SYN queues (listen backlog)", "title: Listen queues (accept and SYN)", StringComparison.Ordinal)
            .Replace("max_syn_queue_drops_per_s: 1", "max_syn_queue_drops_per_s: 3", StringComparison.Ordinal));
        var copy = Copy;
        var (code, output, error) = tool.Tool(copy, "explain", "tcp-backlog", "--playbooks", basePack, "--playbooks", ".");
        code.ShouldBe(0, error);
        output.ShouldStartWith("tcp-backlog: Listen queues (accept and SYN) (critical)\n");
        output.ShouldContain("max_overflows_per_s=5, max_drops_per_s=5, max_syn_queue_drops_per_s=3, min_somaxconn=8192");
        output.ShouldContain($"  extends tcp-backlog ({basePack}/tcp-backlog.yaml)\n");
        // Both loaded, the team's takes the base's place: one tcp-backlog in the run.
        var run = tool.Tool(copy, "run", basePack, ".", "--from", "snapshots/intake-full.json", "--format", "json");
        Results(run.Out).Count(r => r.Id == "tcp-backlog").ShouldBe(1, run.Error);
    }

    [Fact]
    public void The_built_in_pack_and_the_team_pack_run_together()
    {
        var (code, output, error) = tool.Tool(Copy, "run", "builtin", ".", "--from", "snapshots/intake-full.json", "--format", "json");
        code.ShouldBe(1, error);
        var results = Results(output);
        results.Count(r => r.Id == "tcp-backlog").ShouldBe(1);
        results.Single(r => r.Id == "tcp-backlog").Severity.ShouldBe("critical");
        results.Select(r => r.Id).ShouldContain("udp-metrics-intake");
        results.Select(r => r.Id).ShouldContain("socket-buffers");
        results.Count.ShouldBe(14);
    }

    [Fact]
    public void Skip_only_and_tags_change_what_runs()
    {
        var copy = Copy;
        Results(tool.Tool(copy, "run", "builtin", ".", "--skip", "udp-*", "--from", "snapshots/intake-full.json", "--format", "json").Out)
            .Select(r => r.Id).ShouldNotContain("udp-metrics-intake");
        Results(tool.Tool(copy, "run", "builtin", ".", "--only", "tcp-backlog", "--from", "snapshots/intake-full.json", "--format", "json").Out)
            .Select(r => r.Id).ShouldBe(["tcp-backlog"]);
        Results(tool.Tool(copy, "run", "builtin", ".", "--tags", "team-web", "--from", "snapshots/intake-full.json", "--format", "json").Out)
            .Select(r => r.Id).ShouldBe(["udp-metrics-intake"]);
    }

    [Fact]
    public void The_team_profile_disables_a_built_in_playbook()
    {
        var (_, output, error) = tool.Tool(Copy, "run", "builtin", ".", "--values", "profiles/frontend.yaml", "--from", "snapshots/intake-full.json", "--format", "json");
        var ids = Results(output).Select(r => r.Id).ToList();
        ids.ShouldNotContain("multicast-limits", error);
        ids.ShouldContain("udp-metrics-intake");
    }

    [Fact]
    public void A_pack_needing_a_newer_engine_is_refused_with_exit_2_and_one_line()
    {
        var copy = Copy;
        File.WriteAllText(Path.Combine(copy, "pack.yaml"), File.ReadAllText(Path.Combine(copy, "pack.yaml")).Replace("engine: \">=0.1.0\"", "engine: \">=99.0.0\"", StringComparison.Ordinal));
        var (code, output, error) = tool.Tool(copy, "run", ".", "--from", "snapshots/intake-full.json");
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.TrimEnd('\n').Split('\n').ShouldHaveSingleItem().ShouldContain("99.0.0");
    }
}
