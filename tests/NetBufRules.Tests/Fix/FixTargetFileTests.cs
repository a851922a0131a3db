using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Fix;

/// <summary>
/// What fix finds at a target path and where it exports: the current file is read only when it is a regular file
/// within 1 MiB (a FIFO hung even the plan), and a --write folder that does not exist is a usage error after the
/// playbooks' own errors, never a stack trace.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FixTargetFileTests : IDisposable
{
    private const string SysctlFile = "etc/sysctl.d/90-netbufrules-tcp-backlog.conf";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("nbr-fix-target-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Target => Path.Combine(_root.FullName, SysctlFile);

    private static Task<(int ExitCode, string Out, string Error)> Fix(string playbooks, params string[] args) =>
        CliRunner.Run(new SnapshotSourceReader(BacklogFixture.Load()), ["fix", playbooks, "--interval", "0", .. args]);

    [Fact]
    public async Task A_fifo_where_the_fix_goes_is_refused_without_reading_it()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Target)) await mkfifo.WaitForExitAsync();

        var run = Fix(Repo.Playbooks, "--root", _root.FullName);
        (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)))).ShouldBe(run, "the plan must not block on the FIFO");
        var (code, output, _) = await run;

        code.ShouldBe(1, "tcp-backlog fired; nothing was applied");
        output.ShouldContain($"refused: {Target} is not a regular file (a FIFO); a fix reads and replaces only regular files");
    }

    [Fact]
    public async Task A_file_over_the_cap_where_the_fix_goes_is_refused()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
        await File.WriteAllTextAsync(Target, new string('#', (1 << 20) + 1));

        var (code, output, _) = await Fix(Repo.Playbooks, "--root", _root.FullName, "--apply");

        code.ShouldBe(4);
        output.ShouldContain("is larger than 1 MiB");
        new FileInfo(Target).Length.ShouldBe((1 << 20) + 1);
    }

    [Fact]
    public async Task A_write_folder_that_does_not_exist_is_a_one_line_usage_error()
    {
        var missing = Path.Combine(_root.FullName, "missing", "export");

        var (code, output, error) = await Fix(Repo.Playbooks, "--write", missing);

        code.ShouldBe(2);
        error.ShouldBe($"netbufrules: --write '{missing}' is not a folder (create it first)\n");
        output.ShouldBeEmpty();
        Directory.Exists(missing).ShouldBeFalse();
    }

    [Fact]
    public async Task A_playbook_error_comes_before_a_missing_write_folder()
    {
        var broken = Path.Combine(_root.FullName, "broken.yaml");
        await File.WriteAllTextAsync(broken, "apiVersion: netbufrules/v1\nid: Broken Id\n");

        var (code, _, error) = await Fix(broken, "--write", Path.Combine(_root.FullName, "missing"));

        code.ShouldBe(2);
        error.ShouldContain("broken.yaml:");
        error.ShouldNotContain("is not a folder");
    }
}
