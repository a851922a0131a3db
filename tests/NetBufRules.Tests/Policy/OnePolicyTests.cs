using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Policy;

/// <summary>One policy: the repository config is applied by run, collect, test and lint alike, so none passes what another refuses.</summary>
public sealed class OnePolicyTests
{
    private static string Allowlist => Path.Combine(Repo.Golden, "lint", "allowlist");

    private static string BadConfig => Path.Combine(Repo.Golden, "lint", "bad-config");

    [Fact]
    public async Task A_tool_and_a_fix_folder_the_config_allows_pass_lint_run_and_test()
    {
        (await CliRunner.Run("lint", Allowlist)).ExitCode.ShouldBe(0);
        var run = await CliRunner.Run("run", Allowlist, "--interval", "0", "--format", "json");
        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("\"id\": \"allow-mytool\"");
        // The fix writes under /etc/nginx/conf.d/, which only the config allows: the test renders it, so test used the config.
        var test = await CliRunner.Run("test", Allowlist);
        test.ExitCode.ShouldBe(0, test.Out + test.Error);
        test.Out.ShouldContain("PASS allow-mytool: fires and writes its fix where the repository config allows");
    }

    [Fact]
    public async Task Without_the_config_lint_run_and_test_refuse_the_same_playbook()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"nbr-h1-config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(empty, "allow_fix_dirs: []\n");
        try
        {
            var playbook = Path.Combine(Allowlist, "playbook.yaml");
            var lint = await CliRunner.Run("lint", playbook, "--config", empty);
            var run = await CliRunner.Run("run", playbook, "--config", empty, "--interval", "0");
            var test = await CliRunner.Run("test", Allowlist, "--config", empty);
            (lint.ExitCode, run.ExitCode, test.ExitCode).ShouldBe((1, 2, 2));
            foreach (var output in new[] { lint.Out, run.Error, test.Error })
            {
                output.ShouldContain("playbook.yaml:9:15: error NBR015: probe command 'mytool' is not in the allowlist");
                output.ShouldContain("playbook.yaml:12:5: error NBR016");
            }
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public async Task A_config_that_allows_what_cannot_be_allowed_stops_every_command()
    {
        var snapshot = Path.Combine(Path.GetTempPath(), $"nbr-h1-{Guid.NewGuid():N}.json");
        var results = new[]
        {
            await CliRunner.Run("lint", BadConfig),
            await CliRunner.Run("run", BadConfig, "--interval", "0"),
            await CliRunner.Run("test", BadConfig),
            await CliRunner.Run("collect", BadConfig, "-o", snapshot),
        };
        results.Select(r => r.ExitCode).ShouldBe([1, 2, 2, 2]);
        foreach (var (_, output, error) in results)
        {
            (output + error).ShouldContain("error NBR025: 'python3.11' runs code given to it and cannot be allowed");
            (output + error).ShouldContain("error NBR025: fix folder '/' is not a drop-in folder under /etc");
        }
        File.Exists(snapshot).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_and_test_take_a_missing_config_as_a_usage_error()
    {
        foreach (var command in new[] { "run", "test" })
            (await CliRunner.Run(command, Allowlist, "--config", "/no/such/config.yaml")).Error.ShouldContain("no such config file");
    }
}
