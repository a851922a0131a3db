using System.Text.Json;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Fix;

/// <summary>
/// <c>fix</c> in-process against a recorded backlog overflow, writing under a throwaway <c>--root</c>: the plan as a
/// diff, atomic writes, refusals, export. The live apply, 'then', verification and rollback are in EndToEnd/FixApplyTests.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FixCommandTests : IDisposable
{
    private const string SysctlFile = "etc/sysctl.d/90-netbufrules-tcp-backlog.conf";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("nbr-fix-root-");

    // A folder outside the root: where a link planted in an image would lead, which must stay empty.
    private readonly DirectoryInfo _outside = Directory.CreateTempSubdirectory("nbr-fix-outside-");
    private readonly SnapshotSourceReader _backlog = new(BacklogFixture.Load());

    public void Dispose()
    {
        _root.Delete(recursive: true);
        _outside.Delete(recursive: true);
    }

    private string Target => Path.Combine(_root.FullName, SysctlFile);

    private Task<(int ExitCode, string Out, string Error)> Fix(params string[] args) =>
        CliRunner.Run(_backlog, ["fix", Repo.Playbooks, "--interval", "0", .. args]);

    [Fact]
    public async Task Without_apply_it_shows_each_fix_as_a_diff_and_writes_nothing()
    {
        var (code, output, _) = await Fix("--root", _root.FullName);

        code.ShouldBe(1, "tcp-backlog fired and nothing was applied");
        output.Replace(_root.FullName, "ROOT", StringComparison.Ordinal).ShouldContain(
            "tcp-backlog: ROOT/etc/sysctl.d/90-netbufrules-tcp-backlog.conf (new file)\n--- /dev/null\n+++ ROOT/etc/sysctl.d/90-netbufrules-tcp-backlog.conf\n");
        output.ShouldContain("+net.core.somaxconn = 4096\n");
        _root.GetFileSystemInfos().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_plan_for_a_recorded_backlog_overflow_reads_as_pinned()
    {
        var (_, output, _) = await Fix("--root", _root.FullName);
        GoldenFile.Match(Path.Combine(Repo.Golden, "fix-netns-backlog.out.txt"), output.Replace(_root.FullName, "/ROOT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_change_to_an_existing_file_is_a_diff_against_it()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
        File.WriteAllText(Target, "# ours\nnet.core.somaxconn = 1024\n");

        var (_, output, _) = await Fix("--root", _root.FullName);

        output.ShouldContain("(changes the file)");
        output.ShouldContain("-net.core.somaxconn = 1024\n");
        output.ShouldContain("+net.core.somaxconn = 4096\n");
    }

    [Fact]
    public async Task Apply_under_a_root_writes_the_files_with_their_mode_and_runs_no_then()
    {
        var (code, output, error) = await Fix("--root", _root.FullName, "--apply", "--format", "json");

        code.ShouldBe(0, error);
        var json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("outcome").GetString().ShouldBe("applied");
        var step = json.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "tcp-backlog");
        step.GetProperty("written").GetBoolean().ShouldBeTrue();
        step.TryGetProperty("then_exit_code", out _).ShouldBeFalse("'then' would act on this host, not on the root");
        File.ReadAllText(Target).ShouldContain("net.core.somaxconn = 4096");
        File.GetUnixFileMode(Target).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Directory.GetFiles(Path.GetDirectoryName(Target)!).ShouldAllBe(f => f.EndsWith(".conf", StringComparison.Ordinal), "no temporary file is left");
    }

    [Fact]
    public async Task Applying_twice_leaves_the_file_as_it_is_and_backs_up_what_it_replaced()
    {
        var backups = Path.Combine(_root.FullName, "backups");
        Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
        File.WriteAllText(Target, "# ours\nnet.core.somaxconn = 1024\n");
        File.SetUnixFileMode(Target, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        (await Fix("--root", _root.FullName, "--apply", "--backup-dir", backups)).ExitCode.ShouldBe(0);
        var content = File.ReadAllText(Target);
        var (code, output, _) = await Fix("--root", _root.FullName, "--apply", "--backup-dir", backups);

        code.ShouldBe(0);
        output.ShouldContain("already has this content");
        File.ReadAllText(Target).ShouldBe(content);
        File.GetUnixFileMode(Target).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, "the mode of the replaced file is kept");
        var backup = Directory.GetFiles(backups, "90-netbufrules-tcp-backlog.conf", SearchOption.AllDirectories).Single();
        File.ReadAllText(backup).ShouldBe("# ours\nnet.core.somaxconn = 1024\n");
    }

    [Fact]
    public async Task A_fix_that_would_lower_what_the_images_own_sysctl_files_set_at_boot_is_refused()
    {
        // 90-netbufrules-* sorts after the image's 60-tuning.conf and wins at boot: 4096 would lower its 1000000.
        Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
        File.WriteAllText(Path.Combine(_root.FullName, "etc/sysctl.d/60-tuning.conf"), "net.core.somaxconn = 1000000\n");

        var (code, output, _) = await Fix("--root", _root.FullName, "--apply");

        code.ShouldNotBe(0);
        output.ShouldContain("net.core.somaxconn = 4096 would lower below 1000000 (/etc/sysctl.d/60-tuning.conf, applied at boot too)");
        File.Exists(Target).ShouldBeFalse();
    }

    [Fact]
    public async Task A_sysctl_file_of_the_image_that_links_outside_it_is_not_read()
    {
        File.WriteAllText(Path.Combine(_outside.FullName, "tuning.conf"), "net.core.somaxconn = 1000000\n");
        Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "etc/sysctl.d/60-tuning.conf"), Path.Combine(_outside.FullName, "tuning.conf"));

        var (code, output, error) = await Fix("--root", _root.FullName, "--apply");

        code.ShouldBe(0, output + error);
        File.ReadAllText(Target).ShouldContain("net.core.somaxconn = 4096");
    }

    [Fact]
    public async Task Two_fixes_of_one_file_are_both_refused_not_written_over_each_other()
    {
        // Both were planned against the old file and both said "(new file)"; the second write dropped the first's lines.
        var pack = Directory.CreateDirectory(Path.Combine(_root.FullName, "pack"));
        var image = Directory.CreateDirectory(Path.Combine(_root.FullName, "image"));
        File.Copy(Path.Combine(Repo.Playbooks, "tcp-backlog.yaml"), Path.Combine(pack.FullName, "tcp-backlog.yaml"));
        File.WriteAllText(Path.Combine(pack.FullName, "same-file.yaml"), """
            apiVersion: netbufrules/v1
            id: same-file
            title: writes tcp-backlog's file
            severity: info
            summary: s
            why: w
            probes:
              somaxconn: { sysctl: net.core.somaxconn }
            when:
              - if: somaxconn < 0
                message: never
            advise_when:
              - if: somaxconn < 1000000
                message: low
            fix:
              - path: /etc/sysctl.d/90-netbufrules-tcp-backlog.conf
                template: "net.core.somaxconn = {{ max somaxconn 8192 }}\n"
            """);
        var (code, output, _) = await CliRunner.Run(_backlog, ["fix", pack.FullName, "--interval", "0", "--root", image.FullName, "--apply"]);
        code.ShouldNotBe(0);
        output.ShouldContain("/etc/sysctl.d/90-netbufrules-tcp-backlog.conf is written by more than one fix (same-file, tcp-backlog)");
        image.GetFileSystemInfos().ShouldBeEmpty();
    }

    [Fact]
    public async Task Backups_are_never_written_through_a_link_the_image_planted()
    {
        // The image's var leads outside it: its old file would have been written over the host's (the fourth red team).
        Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
        File.WriteAllText(Target, "net.core.somaxconn = 128\n");
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "var"), _outside.FullName);

        var (code, output, _) = await Fix("--root", _root.FullName, "--apply");

        output.ShouldContain($"{_root.FullName}/var is a symbolic link; backups are never written through a link; nothing was written");
        code.ShouldNotBe(0);
        File.ReadAllText(Target).ShouldBe("net.core.somaxconn = 128\n");
        _outside.GetFileSystemInfos().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_backup_folder_named_for_the_coming_second_cannot_be_planted()
    {
        var backups = Path.Combine(_root.FullName, "backups");
        Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
        File.WriteAllText(Target, "net.core.somaxconn = 128\n");
        // Folders for the next seconds, each with etc -> a folder outside: the backup must land in one of its own.
        var now = DateTimeOffset.UtcNow;
        for (var s = 0; s < 30; s++)
        {
            var planted = Directory.CreateDirectory(Path.Combine(backups, now.AddSeconds(s).ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)));
            File.CreateSymbolicLink(Path.Combine(planted.FullName, "etc"), _outside.FullName);
        }

        var (code, _, error) = await Fix("--root", _root.FullName, "--apply", "--backup-dir", backups);

        code.ShouldBe(0, error);
        _outside.GetFileSystemInfos().ShouldBeEmpty();
        var backup = Directory.GetFiles(backups, "90-netbufrules-tcp-backlog.conf", SearchOption.AllDirectories).ShouldHaveSingleItem();
        File.ReadAllText(backup).ShouldBe("net.core.somaxconn = 128\n");
    }

    [Fact]
    public async Task A_fix_that_would_lower_a_value_in_the_file_it_replaces_is_refused_and_nothing_is_written()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
        File.WriteAllText(Target, "net.core.somaxconn = 65535\n");

        var (code, output, _) = await Fix("--root", _root.FullName, "--apply");

        code.ShouldBe(4);
        output.ShouldContain("refused: net.core.somaxconn = 4096 would lower below 65535 (the file it replaces); a fix only raises limits");
        File.ReadAllText(Target).ShouldBe("net.core.somaxconn = 65535\n");
    }

    [Fact]
    public async Task A_fix_never_writes_through_a_symbolic_link()
    {
        var elsewhere = Path.Combine(_root.FullName, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        Directory.CreateDirectory(Path.Combine(_root.FullName, "etc"));
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "etc", "sysctl.d"), elsewhere);

        var (code, output, _) = await Fix("--root", _root.FullName, "--apply");

        code.ShouldBe(4);
        output.ShouldContain("is a symbolic link; a fix never writes through a link");
        Directory.GetFiles(elsewhere).ShouldBeEmpty();
    }

    [Fact]
    public async Task Write_exports_the_files_under_a_folder_for_configuration_management()
    {
        var (code, output, _) = await Fix("--write", _root.FullName);

        code.ShouldBe(0);
        output.ShouldContain($"exported {Target}");
        File.ReadAllText(Target).ShouldContain("net.core.somaxconn = 4096");
    }

    [Fact]
    public async Task Write_with_apply_is_a_usage_error()
    {
        var (code, _, error) = await Fix("--write", _root.FullName, "--apply");
        code.ShouldBe(2);
        error.ShouldContain("--write exports the files only");
    }

    [Theory]
    [InlineData("--root")]
    [InlineData("--write")]
    public async Task Root_or_write_at_slash_is_refused_since_it_would_change_this_host_without_a_backup(string option)
    {
        var (code, _, error) = await Fix(option, "/");
        code.ShouldBe(2);
        error.ShouldContain($"{option} / would change this host without a backup or a verification");
    }
}
