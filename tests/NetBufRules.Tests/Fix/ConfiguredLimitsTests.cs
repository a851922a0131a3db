using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Fix;

/// <summary>
/// A limits.d file or a systemd drop-in is read after the admin's files, and its value replaces theirs: a fix is held
/// to the limits those files configure, not only to the running processes' (which may predate a raise). Recorded by
/// the red team (round 5, diagnosis 10 and 11): a service at its fd limit, and a service killed by its memory cgroup,
/// each of whose unit files already raise the limit (the restart is pending), fixed under a throwaway --root.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ConfiguredLimitsTests : IDisposable
{
    private const string Unit = "nbr-diag5-eee7aa89-svc.service";
    private const string MemoryUnit = "nbr-diag5-b0872077-svc.service";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("nbr-configured-");

    public void Dispose() => _root.Delete(recursive: true);

    private string At(string path) => Path.Combine(_root.FullName, path.TrimStart('/'));

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(At(path))!);
        File.WriteAllText(At(path), text);
    }

    private Task<(int ExitCode, string Out, string Error)> Fix(string snapshot, string only) =>
        CliRunner.Run(new SnapshotSourceReader(Replay.Load(snapshot)), ["fix", Repo.Playbooks, "--only", only, "--interval", "0", "--root", _root.FullName, "--apply"]);

    [Fact]
    public async Task A_limits_d_line_that_would_replace_a_higher_star_limit_of_limits_conf_or_an_earlier_file_is_refused()
    {
        Write("/etc/security/limits.conf", "*  soft  nofile  400000\n*  hard  nofile  400000\n");
        Write("/etc/security/limits.d/10-admin.conf", "*  -  nofile  500000\n");

        var (code, output, _) = await Fix("red-team/netns-fd-limit-unit-raised", "file-descriptors");

        code.ShouldBe(4);
        output.ShouldContain("90-netbufrules.conf would lower '* soft nofile 400000' in /etc/security/limits.conf (the fix writes 65536)");
        output.ShouldContain("'* hard nofile 500000' in /etc/security/limits.d/10-admin.conf (the fix writes 65536)");
        output.ShouldContain("pam_limits reads this file after those");
        File.Exists(At("/etc/security/limits.d/90-netbufrules.conf")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_lower_star_limit_or_one_users_line_does_not_stop_the_fix()
    {
        // A user's line outranks '*' in pam_limits whatever its file, so the fix's '*' lines never replace it.
        Write("/etc/security/limits.conf", "*  soft  nofile  4096\nalice  hard  nofile  1048576\n@admins  -  nofile  1048576\n");

        var (code, output, _) = await Fix("red-team/netns-fd-limit-unit-raised", "file-descriptors");

        output.ShouldNotContain("would lower");
        code.ShouldBe(0, output);
        File.ReadAllText(At("/etc/security/limits.d/90-netbufrules.conf")).ShouldContain("*  soft  nofile  65536");
    }

    [Theory]
    [InlineData("/etc/systemd/system/" + Unit, "[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\nLimitNOFILE=1048576\n")]
    [InlineData("/etc/systemd/system/" + Unit + ".d/50-admin.conf", "[Service]\nLimitNOFILE=1048576\n")]
    [InlineData("/usr/lib/systemd/system/" + Unit, "[Service]\nLimitNOFILE=524288:1048576\n")]
    public async Task A_drop_in_that_would_lower_the_units_own_LimitNOFILE_is_refused(string file, string text)
    {
        Write(file, text);

        var (code, output, _) = await Fix("red-team/netns-fd-limit-unit-raised", "file-descriptors");

        code.ShouldBe(4);
        output.ShouldContain($"90-netbufrules-nofile.conf would lower LimitNOFILE=");
        output.ShouldContain($" in {file} (the fix writes 65536): systemd applies this drop-in over the unit's own files");
        File.Exists(At($"/etc/systemd/system/{Unit}.d/90-netbufrules-nofile.conf")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_drop_in_that_would_lower_the_units_own_MemoryMax_is_refused_and_a_lower_one_is_raised()
    {
        Write($"/etc/systemd/system/{MemoryUnit}", "[Service]\nExecStart=/bin/true\nMemoryMax=1G\n");

        var (code, output, _) = await Fix("red-team/netns-memcg-unit-raised", "memory-pressure");

        code.ShouldBe(4);
        output.ShouldContain($"90-netbufrules-memory.conf would lower MemoryMax=1G in /etc/systemd/system/{MemoryUnit} (the fix writes 262144K)");
        File.Exists(At($"/etc/systemd/system/{MemoryUnit}.d/90-netbufrules-memory.conf")).ShouldBeFalse();

        Write($"/etc/systemd/system/{MemoryUnit}", "[Service]\nExecStart=/bin/true\nMemoryMax=64M\n");
        (code, output, _) = await Fix("red-team/netns-memcg-unit-raised", "memory-pressure");

        code.ShouldBe(0, output);
        File.ReadAllText(At($"/etc/systemd/system/{MemoryUnit}.d/90-netbufrules-memory.conf")).ShouldContain("MemoryMax=262144K");
    }
}
