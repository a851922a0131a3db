using System.Text.Json;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Packs;

/// <summary>Packs on the command line: the built-in pack as 'builtin' beside team packs, engine requirements, lint across packs.</summary>
public sealed class PackCommandTests
{
    private static readonly string Healthy = Path.Combine(Repo.Snapshots, "netns-healthy.json");

    private static List<string> Ids(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];

    [Fact]
    public async Task The_built_in_pack_and_a_team_pack_run_together()
    {
        using var folder = new PackFolder();
        folder.Write("team/pack.yaml", "name: team-net\nversion: 1.0.0\n");
        var team = Path.GetDirectoryName(folder.Write("team/team-somaxconn.yaml", PackFolder.TeamPlaybook("team-somaxconn")))!;

        var (code, output, error) = await CliRunner.Run("run", "builtin", team, "--from", Healthy, "--format", "json");

        error.ShouldBeEmpty();
        code.ShouldBeOneOf(0, 1);
        var ids = Ids(output);
        ids.ShouldContain("team-somaxconn");
        ids.ShouldContain("tcp-backlog");
        ids.Count.ShouldBe(Directory.GetFiles(Repo.Playbooks, "*.yaml").Count(f => !f.EndsWith(".test.yaml", StringComparison.Ordinal)) + 1);
    }

    [Fact]
    public async Task A_folder_named_builtin_is_read_as_a_folder_when_written_as_a_path()
    {
        using var folder = new PackFolder();
        folder.Write("builtin/team-somaxconn.yaml", PackFolder.TeamPlaybook("team-somaxconn"));
        var previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = folder.Root;
            var (code, output, _) = await CliRunner.Run("run", "./builtin", "--from", Healthy, "--format", "json");
            code.ShouldBeOneOf(0, 1);
            Ids(output).ShouldBe(["team-somaxconn"]);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public async Task A_pack_needing_a_newer_engine_is_refused_with_one_line_naming_the_version()
    {
        using var folder = new PackFolder();
        folder.Write("team/pack.yaml", "name: team-net\nengine: \">=0.2.0\"\n");
        folder.Write("team/team-somaxconn.yaml", PackFolder.TeamPlaybook("team-somaxconn"));

        foreach (var command in new[] { "run", "lint", "test", "list" })
        {
            var (code, output, error) = await CliRunner.Run(command, "builtin", Path.Combine(folder.Root, "team"));
            var said = (output + error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            code.ShouldBe(2, command);
            said.ShouldHaveSingleItem(command).ShouldEndWith("error NBR111: pack 'team-net' needs netbufrules >=0.2.0; this is 0.1.0 (hint: update netbufrules (dotnet tool update -g NetBufRules))");
        }
    }

    [Fact]
    public async Task A_pack_whose_engine_range_includes_this_version_loads()
    {
        using var folder = new PackFolder();
        folder.Write("team/pack.yaml", "name: team-net\nengine: \">=0.1.0, <1.0.0\"\n");
        folder.Write("team/team-somaxconn.yaml", PackFolder.TeamPlaybook("team-somaxconn"));
        var (code, output, error) = await CliRunner.Run("list", Path.Combine(folder.Root, "team"));
        error.ShouldBeEmpty();
        code.ShouldBe(0);
        output.ShouldContain("team-somaxconn");
    }

    [Fact]
    public async Task Lint_strict_passes_on_one_file_of_the_built_in_pack()
    {
        // see_also names playbooks of the same pack that were not passed: they resolve against the built-in pack.
        var (code, output, _) = await CliRunner.Run("lint", "--strict", Path.Combine(Repo.Playbooks, "tcp-backlog.yaml"));
        output.ShouldBe("0 error(s), 0 warning(s) in 1 file(s)\n");
        code.ShouldBe(0);
    }

    [Fact]
    public async Task A_team_pack_pointing_see_also_at_a_built_in_playbook_passes_lint_strict_but_a_typo_does_not()
    {
        using var folder = new PackFolder();
        folder.Write("team/pack.yaml", "name: team-net\n");
        folder.Write("team/team-somaxconn.yaml", PackFolder.TeamPlaybook("team-somaxconn", seeAlso: "[tcp-backlog, socket-buffers]"));
        var clean = await CliRunner.Run("lint", "--strict", Path.Combine(folder.Root, "team"));
        clean.Out.ShouldBe("0 error(s), 0 warning(s) in 1 file(s)\n");
        clean.ExitCode.ShouldBe(0);

        folder.Write("team/team-somaxconn.yaml", PackFolder.TeamPlaybook("team-somaxconn", seeAlso: "[tcp-backlogg]"));
        var typo = await CliRunner.Run("lint", "--strict", Path.Combine(folder.Root, "team"));
        typo.Out.ShouldContain("warning NBR022: see_also names 'tcp-backlogg', which is not a loaded playbook (hint: did you mean 'tcp-backlog'?)");
        typo.ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Tests_in_the_manifests_tests_folder_are_run()
    {
        using var folder = new PackFolder();
        folder.Write("team/pack.yaml", "name: team-net\ntests: checks\n");
        folder.Write("team/playbooks/team-somaxconn.yaml", PackFolder.TeamPlaybook("team-somaxconn"));
        folder.Write("team/checks/team-somaxconn.test.yaml", """
            tests:
              - name: fires below the team's floor
                probes: { somaxconn: "4096" }
                expect: { status: fired }
            """);
        var (code, output, error) = await CliRunner.Run("test", Path.Combine(folder.Root, "team", "playbooks"), "--require-tests");
        error.ShouldBeEmpty();
        output.ShouldContain("PASS team-somaxconn: fires below the team's floor\n");
        code.ShouldBe(0);
    }
}
