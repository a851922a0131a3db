using NetBufRules.Diagnostics;
using NetBufRules.Lint;
using NetBufRules.Tests.Hostile;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Validate;

/// <summary>
/// A .netbufrules.yaml found beside the playbooks widens what probes may run, so it is used only when no one else
/// could have written it (owner, mode, folders), and never through a link; one named with --config is the user's choice.
/// Real files, modes, owners, links and FIFOs in a temporary folder.
/// </summary>
public sealed class ConfigTrustTests
{
    private const string Config = "allow_commands:\n  mytool: ['mytool --stats']\n";

    /// <summary>A pack folder whose playbook runs mytool, which only the config allows; returns the pack folder.</summary>
    private static string Pack(CfgScratch scratch)
    {
        scratch.Write(".netbufrules.yaml", Config);
        scratch.Write("pb/p.yaml", RobustnessScratch.Playbook("cfg-trust", "    command: [mytool, --stats]", "v > 0"));
        return Path.Combine(scratch.Root, "pb");
    }

    private static List<string> CodesOf(LintResult lint) => [.. lint.Diagnostics.Select(d => d.Code).Distinct()];

    [Fact]
    public void A_config_only_its_owner_can_write_is_used()
    {
        using var scratch = new CfgScratch();
        PlaybookLinter.Lint([Pack(scratch)]).Diagnostics.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0666", "writable by others")]
    [InlineData("0664", "writable by its group")]
    public void A_config_others_can_write_is_refused_naming_the_file_and_the_mode(string mode, string why)
    {
        using var scratch = new CfgScratch();
        var pack = Pack(scratch);
        var config = Path.Combine(scratch.Root, ".netbufrules.yaml");
        CfgScratch.Chmod(config, mode);
        var lint = PlaybookLinter.Lint([pack]);
        var refused = lint.Diagnostics.Single(d => d.Code == Codes.UntrustedConfig);
        refused.Position.File.ShouldBe(config);
        refused.Message.ShouldContain(why);
        refused.Hint.ShouldNotBeNull().ShouldContain($"chmod go-w {config}");
        // Not used: the tool it allows is not allowed.
        CodesOf(lint).ShouldContain("NBR015");
    }

    [SkippableFact]
    public void A_config_owned_by_another_user_is_refused_but_used_when_named_with_config()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "giving a file to another user needs root");
        using var scratch = new CfgScratch();
        var pack = Pack(scratch);
        var config = Path.Combine(scratch.Root, ".netbufrules.yaml");
        CfgScratch.GiveToNobody(config);
        var found = PlaybookLinter.Lint([pack]);
        found.Diagnostics.Single(d => d.Code == Codes.UntrustedConfig).Message.ShouldContain("owned by uid 65534");
        PlaybookLinter.Lint([pack], configFile: config).Diagnostics.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0777")]
    [InlineData("1777")]
    public void The_search_stops_below_a_parent_folder_anyone_may_write_so_a_config_planted_there_is_never_read(string mode)
    {
        // /tmp/.netbufrules.yaml, planted by any user, had stopped every root run of a pack under /tmp with NBR190.
        using var scratch = new CfgScratch();
        var pack = Pack(scratch);
        CfgScratch.GiveToNobody(Path.Combine(scratch.Root, ".netbufrules.yaml"));
        CfgScratch.Chmod(scratch.Root, mode);
        var lint = PlaybookLinter.Lint([pack]);
        CodesOf(lint).ShouldNotContain(Codes.UntrustedConfig);
        CodesOf(lint).ShouldContain("NBR015", "the planted config is not used: the tool it allows is not allowed");
    }

    [Fact]
    public void A_config_in_the_scanned_folder_itself_is_still_judged_when_others_may_write_that_folder()
    {
        using var scratch = new CfgScratch();
        scratch.Write("pb/.netbufrules.yaml", Config);
        scratch.Write("pb/p.yaml", RobustnessScratch.Playbook("cfg-trust", "    command: [mytool, --stats]", "v > 0"));
        var pack = Path.Combine(scratch.Root, "pb");
        CfgScratch.Chmod(pack, "0777");
        PlaybookLinter.Lint([pack]).Diagnostics.Single(d => d.Code == Codes.UntrustedConfig).Message.ShouldContain("which others can write");
    }

    [Fact]
    public async Task A_config_linked_to_a_secret_is_refused_unread_even_when_named_with_config()
    {
        using var scratch = new CfgScratch();
        var secret = scratch.Write("secret/shadow", "root:$y$j9T$SECRETHASH:20000:0:99999:7:::\n");
        var link = scratch.Link(".netbufrules.yaml", secret);
        var pack = Path.GetDirectoryName(scratch.Write("pb/p.yaml", RobustnessScratch.Playbook("cfg-link", "    file: /proc/loadavg", "v > 0")))!;
        foreach (var args in new[] { new[] { "lint", pack, "--format", "github" }, ["lint", pack, "--config", link], ["run", pack, "--interval", "0"] })
        {
            var (_, output, error) = await CliRunner.Run(args);
            (output + error).ShouldContain("NBR191", customMessage: string.Join(' ', args));
            (output + error).ShouldContain("is a symbolic link");
            (output + error).ShouldNotContain("SECRETHASH");
        }
    }

    [SkippableFact]
    public void A_config_that_is_a_fifo_is_refused_without_blocking()
    {
        using var scratch = new CfgScratch();
        Skip.If(scratch.Fifo(".netbufrules.yaml") is null, "mkfifo is not available");
        var pack = Path.GetDirectoryName(scratch.Write("pb/p.yaml", RobustnessScratch.Playbook("cfg-fifo", "    file: /proc/loadavg", "v > 0")))!;
        var lint = Task.Run(() => PlaybookLinter.Lint([pack]));
        lint.Wait(TimeSpan.FromSeconds(20)).ShouldBeTrue("lint blocked on the FIFO");
        lint.Result.Diagnostics.Single().Message.ShouldContain("is not a regular file");
    }
}
