using NetBufRules.Compile;
using NetBufRules.Lint;
using NetBufRules.Packs;
using NetBufRules.Tests.Packs;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Pipeline;

/// <summary>One playbook set: loaded, validated and compiled once under one policy, whatever the command.</summary>
public sealed class PlaybookSetTests
{
    private static readonly string Allowlist = Path.Combine(Repo.Golden, "lint", "allowlist");

    [Fact]
    public async Task The_repository_config_applies_to_run_test_and_lint_alike()
    {
        var playbook = Path.Combine(Allowlist, "playbook.yaml");
        var snapshot = Path.Combine(Repo.Snapshots, "netns-healthy.json");
        using var folder = new PackFolder();
        var empty = folder.Write("empty.yaml", "{}\n");

        // Beside its .netbufrules.yaml, which allows its tool and fix folder, every command accepts it ...
        (await CliRunner.Run("lint", playbook)).ExitCode.ShouldBe(0);
        (await CliRunner.Run("run", playbook, "--from", snapshot)).ExitCode.ShouldBeOneOf(0, 1);
        (await CliRunner.Run("test", Allowlist)).ExitCode.ShouldBe(0);

        // ... and under a config that allows nothing, every command refuses it.
        (await CliRunner.Run("lint", playbook, "--config", empty)).ExitCode.ShouldBe(1);
        (await CliRunner.Run("run", playbook, "--from", snapshot, "--config", empty)).ExitCode.ShouldBe(2);
        (await CliRunner.Run("test", Allowlist, "--config", empty)).ExitCode.ShouldBe(2);
    }

    [Fact]
    public void Loading_the_built_in_pack_gives_every_playbook_its_pack_and_no_diagnostic()
    {
        var set = PlaybookSet.Load(new PlaybookSetOptions { EngineVersion = "0.1.0" });
        set.Diagnostics.ShouldBeEmpty();
        set.Packs.ShouldHaveSingleItem().IsBuiltIn.ShouldBeTrue();
        set.Playbooks.ShouldAllBe(p => set.PackOf(p).Name == "builtin");
        set.Files.ShouldAllBe(f => f.StartsWith("builtin:playbooks/", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_condition_and_template_is_compiled_when_the_set_loads()
    {
        var set = PlaybookSet.Load(new PlaybookSetOptions { Paths = [Repo.Playbooks] });
        set.HasErrors.ShouldBeFalse();
        foreach (var playbook in set.Playbooks)
        {
            PlaybookCompiler.Compile(playbook).ShouldBeEmpty();
            PlaybookCompiler.Conditions(playbook).ShouldAllBe(c => ConditionCompiler.CompileOnce(c).Error == null);
        }
        PlaybookCompiler.Conditions(set.Playbooks[0]).ShouldNotBeEmpty();
        PlaybookCompiler.Templates(set.Playbooks[0]).ShouldNotBeEmpty();
    }

    [Fact]
    public void A_playbook_the_selection_leaves_out_is_known_by_id_but_not_run_or_validated()
    {
        using var folder = new PackFolder();
        folder.Write("pack/good.yaml", PackFolder.TeamPlaybook("good"));
        folder.Write("pack/unsafe.yaml", PackFolder.TeamPlaybook("unsafe").Replace("sysctl: net.core.somaxconn", "command: [sh, -c, 'true']", StringComparison.Ordinal));

        var all = PlaybookSet.Load(new PlaybookSetOptions { Paths = [Path.Combine(folder.Root, "pack")] });
        all.HasErrors.ShouldBeTrue();

        var skipped = PlaybookSet.Load(new PlaybookSetOptions { Paths = [Path.Combine(folder.Root, "pack")], Selection = new PlaybookSelection([], ["unsafe"], []) });
        skipped.HasErrors.ShouldBeFalse(string.Join("\n", skipped.Diagnostics));
        skipped.Playbooks.Select(p => p.Id).ShouldBe(["good"]);
        skipped.LoadedIds.ShouldBe(["good", "unsafe"], ignoreOrder: true);
        skipped.Deselected.ShouldBe(["unsafe"]);
    }

    [Fact]
    public void Two_packs_with_one_id_are_a_duplicate_even_across_packs()
    {
        using var folder = new PackFolder();
        var team = Path.GetDirectoryName(folder.Write("team/tcp-backlog.yaml", PackFolder.TeamPlaybook("tcp-backlog")))!;
        var set = PlaybookSet.Load(new PlaybookSetOptions { Paths = ["builtin", team] });
        set.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("NBR007");
    }
}
