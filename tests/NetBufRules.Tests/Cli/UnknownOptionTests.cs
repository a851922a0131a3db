using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Cli;

public sealed class UnknownOptionTests
{
    [Theory]
    [InlineData("fix", "--from", "fix: unknown option '--from'; see 'netbufrules fix --help'")]
    [InlineData("lint", "--strct", "lint: unknown option '--strct'; did you mean '--strict'?")]
    [InlineData("run", "--formt=json", "run: unknown option '--formt'; did you mean '--format'?")]
    [InlineData("test", "--bogus\u001b[2J", "test: unknown option '--bogus\\x1b[2J'")]
    public async Task A_word_that_looks_like_an_option_the_command_lacks_is_a_usage_error_naming_it_not_a_missing_path(string command, string word, string message)
    {
        var (code, output, error) = await CliRunner.Run(command, word, Repo.Playbooks);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldStartWith($"netbufrules: {message}");
        error.ShouldEndWith("(a path that starts with '-' goes after '--')\nTry 'netbufrules --help'.\n");
        error.ShouldNotContain("NBR009");
    }

    [Fact]
    public async Task After_a_double_dash_a_word_starting_with_a_dash_is_a_path()
    {
        var (code, _, error) = await CliRunner.Run("lint", "--", "--no-such-pack");
        code.ShouldBe(2);
        error.ShouldBe("netbufrules: no such file or folder: '--no-such-pack'\n");
    }

    [Fact]
    public async Task A_file_that_really_is_named_like_an_option_is_still_read()
    {
        var dir = Directory.CreateTempSubdirectory("nbr-dash-");
        try
        {
            var file = Path.Combine(dir.FullName, "--odd.yaml");
            File.Copy(Path.Combine(Repo.Playbooks, "tcp-memory.yaml"), file);
            // Its own process: the working directory is the process's, and tests run side by side.
            var info = new System.Diagnostics.ProcessStartInfo(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet")
            {
                WorkingDirectory = dir.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "netbufrules.dll"), "lint", "--odd.yaml" }) info.ArgumentList.Add(a);
            using var process = System.Diagnostics.Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, error);
            (await output).ShouldBe("0 error(s), 0 warning(s) in 1 file(s)\n");
            error.ShouldNotContain("unknown option");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
