using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Cli;

/// <summary>
/// A selection or a profile that leaves every playbook out checks nothing: it must say so, never read like a healthy
/// host ("Nothing fired"), and --strict refuses it (red team 5, trust 10: a shared profile with disable: ["*"]).
/// </summary>
public sealed class EmptySelectionTests
{
    private const string Warning = "warning NBR113: the selection (disable *) leaves none of the 13 loaded playbooks to run: nothing would be checked";

    private static string Profile()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("nbr-disable-all-").FullName, "frontend.yaml");
        File.WriteAllText(file, "disable: [\"*\"]\n");
        return file;
    }

    [Fact]
    public async Task A_profile_disabling_every_playbook_is_said_to_check_nothing()
    {
        var (code, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--values", Profile(), "--interval", "0");

        code.ShouldBe(0);
        error.ShouldContain(Warning);
        output.ShouldContain("No playbook was run (the selection left every one out): nothing was checked.");
        output.ShouldNotContain("Nothing fired");
    }

    [Fact]
    public async Task With_strict_a_run_that_would_check_nothing_is_refused()
    {
        var (code, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--values", Profile(), "--interval", "0", "--strict");

        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain(Warning);
    }

    [Fact]
    public async Task A_selection_that_keeps_one_playbook_is_not_warned_about()
    {
        var (_, _, error) = await CliRunner.Run("run", Repo.Playbooks, "--only", "tcp-memory", "--interval", "0");

        error.ShouldNotContain("NBR113");
    }
}
