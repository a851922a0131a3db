using System.Diagnostics;
using NetBufRules.Tests.Support;
using Shouldly;
using Xunit;

namespace NetBufRules.Tests.Cli;

/// <summary>
/// The README's first command, <c>./netbufrules</c>, as a user runs it: it builds the tool (natively, where a C compiler
/// is present) and the built program must answer exactly as the engine tested in-process does.
/// </summary>
[Collection("launcher")]
public sealed class LauncherTests
{
    [Fact]
    public void Launcher_builds_a_tool_that_lints_and_tests_the_pack()
    {
        var (code, output, error) = Launch("lint", "playbooks/");
        (code, error).ShouldBe((0, error));
        output.ShouldContain("0 error(s), 0 warning(s)");

        var compiler = new[] { "gcc", "clang" }.Any(c => Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, c))));
        if (compiler)
            File.ReadAllText(Path.Combine(Repo.Root, ".build", "bin", ".built")).Trim().ShouldBe("native", "a C compiler is on PATH, so the launcher should have built the native tool");

        (code, output, _) = Launch("test", "playbooks/");
        code.ShouldBe(0, output);
        output.ShouldContain(" passed, 0 failed\n");
    }

    [Fact]
    public async Task Launched_tool_reports_what_the_engine_reports_in_process()
    {
        // Every recorded snapshot: verdicts, evidence, culprits and rendered fixes, byte for byte; then all of them as one fleet.
        foreach (var snapshot in Directory.GetFiles(Repo.Snapshots, "*.json").Order(StringComparer.Ordinal))
        {
            var (code, output, error) = Launch("run", "playbooks/", "--from", Path.GetRelativePath(Repo.Root, snapshot), "--format", "json");
            var expected = await CliRunner.Run("run", Repo.Playbooks, "--from", snapshot, "--format", "json");
            code.ShouldBe(expected.ExitCode, error);
            output.Replace(Repo.Root + "/", "", StringComparison.Ordinal).ShouldBe(expected.Out.Replace(Repo.Root + "/", "", StringComparison.Ordinal), snapshot);
        }
        var fleet = Launch("run", "playbooks/", "--from", "examples/snapshots", "--format", "json");
        fleet.Out.ShouldBe((await CliRunner.Run("run", Repo.Playbooks, "--from", Repo.Snapshots, "--format", "json")).Out);
    }

    [Fact]
    public void Launched_tool_reports_a_playbook_mistake_without_a_stack_trace()
    {
        var (code, _, error) = Launch("run", "/no/such/dir");
        code.ShouldBe(2);
        error.ShouldStartWith("/no/such/dir:1:1: error NBR009");
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public void Lint_and_test_without_a_path_take_the_current_folder()
    {
        var folder = Directory.CreateTempSubdirectory("nbr-cwd-").FullName;
        try
        {
            // The pack with its tests, and the snapshots the tests start from.
            foreach (var (from, to) in new[] { (Repo.Playbooks, "playbooks"), (Repo.Snapshots, Path.Combine("examples", "snapshots")) })
            {
                // Subfolders too: pack tests replay examples/snapshots/red-team/.
                foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
                {
                    var target = Path.Combine(folder, to, Path.GetRelativePath(from, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target);
                }
            }
            // What a repository holds beside its playbooks: CI config, build output, a values file.
            Directory.CreateDirectory(Path.Combine(folder, ".github", "workflows"));
            File.WriteAllText(Path.Combine(folder, ".github", "workflows", "lint.yml"), "name: lint\non: [push]\njobs: {}\n");
            Directory.CreateDirectory(Path.Combine(folder, "bin"));
            File.WriteAllText(Path.Combine(folder, "bin", "stale-copy.yaml"), "apiVersion: netbufrules/v1\nid: stale\n");
            File.Copy(Path.Combine(Repo.Root, "examples", "team-values.yaml"), Path.Combine(folder, "team-values.yaml"));

            var (code, output, error) = LaunchIn(folder, "lint");
            (code, error).ShouldBe((0, ""));
            var pack = Directory.GetFiles(Repo.Playbooks, "*.yaml").Count(f => !f.EndsWith(".test.yaml", StringComparison.Ordinal));
            output.ShouldBe($"0 error(s), 0 warning(s) in {pack} file(s)\n");
            (code, output, _) = LaunchIn(folder, "test");
            code.ShouldBe(0, output);
            output.ShouldContain(" passed, 0 failed\n");

            File.WriteAllText(Path.Combine(folder, "broken.yaml"), "apiVersion: netbufrules/v1\nid: broken\n");
            (code, output, _) = LaunchIn(folder, "lint");
            code.ShouldBe(1);
            output.ShouldStartWith("broken.yaml:1:1: error NBR005: ");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int Code, string Out, string Error) Launch(params string[] args) => LaunchIn(Repo.Root, args);

    private static (int Code, string Out, string Error) LaunchIn(string directory, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(Repo.Root, "netbufrules"))
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // dotnet test passes its MSBuild settings down; the launcher's own build must not inherit them.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k is "DOTNET_HOST_PATH").ToList())
            start.Environment.Remove(name);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(10)).ShouldBeTrue("the launcher did not finish in 10 minutes");
        // The first call may print that it is building; what the tool itself says follows.
        var errorText = string.Join('\n', error.Result.Split('\n').Where(l => !l.StartsWith("netbufrules: building", StringComparison.Ordinal)));
        return (process.ExitCode, output.Result, errorText);
    }
}

/// <summary>The launcher builds with both cores for about a minute: alone, after the parallel tests.</summary>
[CollectionDefinition("launcher", DisableParallelization = true)]
public sealed class LauncherCollection;
