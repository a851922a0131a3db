using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Packs;

/// <summary>The repository config's exclude: folder scans pass over broken fixtures; naming one still reads it.</summary>
public sealed class ExcludeTests
{
    [Fact]
    public async Task A_scan_passes_over_excluded_folders_but_a_named_one_is_read()
    {
        using var folder = new PackFolder();
        folder.Write(".netbufrules.yaml", "exclude: [fixtures/, '**/*.draft.yaml']\n");
        folder.Write("playbooks/team-somaxconn.yaml", PackFolder.TeamPlaybook("team-somaxconn"));
        folder.Write("playbooks/next.draft.yaml", "id: [broken\n");
        folder.Write("fixtures/broken/bad.yaml", "apiVersion: netbufrules/v1\nid: Bad Id\n");

        var root = await CliRunner.Run("lint", "--strict", folder.Root);
        root.Out.ShouldBe("0 error(s), 0 warning(s) in 1 file(s)\n");
        root.ExitCode.ShouldBe(0);

        var named = await CliRunner.Run("lint", Path.Combine(folder.Root, "fixtures"));
        named.ExitCode.ShouldBe(1);
        named.Out.ShouldContain("bad.yaml");
    }

    [Fact]
    public async Task Run_and_test_honour_the_same_excludes()
    {
        using var folder = new PackFolder();
        folder.Write(".netbufrules.yaml", "exclude: [fixtures]\n");
        folder.Write("playbooks/team-somaxconn.yaml", PackFolder.TeamPlaybook("team-somaxconn"));
        folder.Write("fixtures/bad.yaml", "apiVersion: netbufrules/v1\nid: Bad Id\n");
        folder.Write("fixtures/bad.test.yaml", "playbook: nothing-here\ntests: []\n");

        (await CliRunner.Run("test", folder.Root)).ExitCode.ShouldBe(0);
        (await CliRunner.Run("run", folder.Root, "--from", Path.Combine(Repo.Snapshots, "netns-healthy.json"))).ExitCode.ShouldBeOneOf(0, 1);
    }

    [Fact]
    public async Task The_repository_root_lints_clean_and_its_tests_pass_without_the_broken_golden_playbooks()
    {
        var lint = await CliRunner.Run("lint", "--strict", Repo.Root);
        lint.Out.ShouldEndWith("0 error(s), 0 warning(s) in " + lint.Out.Split(" in ")[^1]);
        lint.Out.ShouldStartWith("0 error(s), 0 warning(s)");
        lint.ExitCode.ShouldBe(0);
        var test = await CliRunner.Run("test", Repo.Root);
        test.Error.ShouldBeEmpty();
        test.ExitCode.ShouldBe(0);
    }
}
