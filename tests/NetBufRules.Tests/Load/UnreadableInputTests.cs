using System.Diagnostics;
using NetBufRules.Diagnostics;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Load;

/// <summary>
/// A tree from a tarball or a checkout can hold what .NET cannot read: a file name that is not UTF-8, folders nested
/// past the system's path limit. Each is one NBR186 diagnostic at its place, the other playbooks are still read, and
/// no command ends in an internal error (exit 70).
/// </summary>
public sealed class UnreadableInputTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("nbr-unreadable-");

    // .NET can delete neither a name it cannot decode nor a path past the limit: rm can.
    public void Dispose() => Process.Start("rm", ["-rf", _dir.FullName])!.WaitForExit(60_000);

    /// <summary>Runs bash with <paramref name="script"/> in the test folder (names and depths .NET itself cannot make).</summary>
    private void Bash(string script)
    {
        var info = new ProcessStartInfo("bash", ["-c", script]) { WorkingDirectory = _dir.FullName, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        process.WaitForExit(60_000).ShouldBeTrue();
        process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd());
    }

    private void Good() => File.Copy(Path.Combine(Repo.Playbooks, "tcp-backlog.yaml"), Path.Combine(_dir.FullName, "tcp-backlog.yaml"));

    [Fact]
    public async Task A_playbook_file_whose_name_is_not_utf8_is_one_error_and_the_rest_is_linted()
    {
        Good();
        Bash("cp tcp-backlog.yaml \"bad$(printf '\\xff\\xfe')name.yaml\"");
        var (code, output, error) = await CliRunner.Run("lint", _dir.FullName);
        code.ShouldBe(1, output + error);
        output.ShouldContain($"error {Codes.CannotRead}: cannot read ");
        output.ShouldContain("not valid UTF-8");
        output.ShouldNotContain("internal error");
        var run = await CliRunner.Run("run", _dir.FullName, "--interval", "0");
        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain(Codes.CannotRead);
    }

    [Theory]
    [InlineData("lint", 1)]
    [InlineData("run", 2)]
    [InlineData("list", 2)]
    [InlineData("docs", 2)]
    [InlineData("test", 2)]
    public async Task A_folder_nested_past_the_path_limit_is_one_error_not_an_internal_error(string command, int exit)
    {
        Good();
        // 17 folders with names of 250 letters: the innermost path is about 4,270 characters, past Linux's PATH_MAX of 4,096.
        Bash("n=$(printf 'a%.0s' $(seq 250)); for i in $(seq 17); do mkdir \"$n\" && cd \"$n\" || exit 1; done");
        var (code, output, error) = await CliRunner.Run(command == "run" ? [command, _dir.FullName, "--interval", "0"] : [command, _dir.FullName]);
        code.ShouldBe(exit, output + error);
        (output + error).ShouldContain($"error {Codes.CannotRead}: cannot read folder ");
        (output + error).ShouldNotContain("internal error");
    }
}
