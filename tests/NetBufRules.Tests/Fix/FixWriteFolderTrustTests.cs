using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Fix;

/// <summary>
/// `fix --write DIR` and `--root DIR` check for links by path and write by path, so a user who can write a folder on
/// the way could swap it for a link in between: a DIR, a folder above it or a folder from it down to the file that
/// anyone but root (or the running user) could write refuses the step, and nothing is written.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FixWriteFolderTrustTests : IDisposable
{
    private const string SysctlFile = "etc/sysctl.d/90-netbufrules-tcp-backlog.conf";
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("nbr-fix-trust-");

    public void Dispose()
    {
        foreach (var d in Directory.EnumerateDirectories(_work.FullName, "*", SearchOption.AllDirectories).Prepend(_work.FullName))
            File.SetUnixFileMode(d, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _work.Delete(recursive: true);
    }

    private string Export => Directory.CreateDirectory(Path.Combine(_work.FullName, "export")).FullName;

    private static Task<(int ExitCode, string Out, string Error)> Fix(params string[] args) =>
        CliRunner.Run(new SnapshotSourceReader(BacklogFixture.Load()), ["fix", Repo.Playbooks, "--interval", "0", .. args]);

    private static string[] Files(string folder) => Directory.GetFiles(folder, "*", SearchOption.AllDirectories);

    [Fact]
    public async Task A_private_write_folder_gets_the_export()
    {
        var export = Export;
        var (code, output, error) = await Fix("--write", export);
        code.ShouldBe(0, output + error);
        File.Exists(Path.Combine(export, SysctlFile)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_write_folder_others_can_write_is_refused_and_nothing_is_written()
    {
        var export = Export;
        File.SetUnixFileMode(export, (UnixFileMode)0x1FF); // 0777
        var (code, output, _) = await Fix("--write", export);
        code.ShouldBe(4);
        output.ShouldContain($"'{export}' is writable by others (mode 0777), who could swap what is written there for a link (hint: chmod go-w {export}); a fix is never written where someone else could redirect it");
        Files(export).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_folder_below_the_write_folder_that_others_can_write_is_refused()
    {
        var export = Export;
        var etc = Directory.CreateDirectory(Path.Combine(export, "etc")).FullName;
        File.SetUnixFileMode(etc, (UnixFileMode)0x1FF);
        var (code, output, _) = await Fix("--write", export);
        code.ShouldBe(4);
        output.ShouldContain($"'{etc}' is writable by others (mode 0777)");
        Files(export).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_write_folder_another_user_owns_is_refused()
    {
        var export = Export;
        using (var chown = System.Diagnostics.Process.Start("chown", ["65534:65534", export])) await chown.WaitForExitAsync();
        var (code, output, _) = await Fix("--write", export);
        code.ShouldBe(4);
        output.ShouldContain($"'{export}' is owned by uid 65534, neither root nor the user running netbufrules");
        Files(export).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_write_folder_below_a_folder_others_can_write_is_refused()
    {
        var export = Export;
        File.SetUnixFileMode(_work.FullName, (UnixFileMode)0x1FF); // not sticky: anyone could rename the export folder away
        var (code, output, _) = await Fix("--write", export);
        code.ShouldBe(4, output);
        output.ShouldContain($"'{_work.FullName}' is writable by others");
        Files(export).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_root_folder_others_can_write_refuses_every_step()
    {
        var image = Export;
        File.SetUnixFileMode(image, (UnixFileMode)0x1FF);
        var (_, output, _) = await Fix("--root", image);
        output.ShouldContain($"refused: '{image}' is writable by others (mode 0777)");
        Files(image).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_backup_folder_others_can_write_is_a_usage_error_before_anything_is_written()
    {
        var image = Export;
        var backups = Directory.CreateDirectory(Path.Combine(_work.FullName, "backups")).FullName;
        File.SetUnixFileMode(backups, (UnixFileMode)0x1FF);
        var (code, output, error) = await Fix("--root", image, "--apply", "--backup-dir", Path.Combine(backups, "netbufrules"));
        code.ShouldBe(2, output + error);
        error.ShouldContain($"--backup-dir '{backups}' is writable by others (mode 0777)");
        Files(image).ShouldBeEmpty();
    }
}
