using System.Diagnostics;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Examples;

/// <summary>The example units in examples/systemd/ pass `systemd-analyze verify` with no complaint, and keep their hardening.</summary>
public sealed class SystemdUnitTests : IDisposable
{
    private static string Folder => Path.Combine(Repo.Root, "examples", "systemd");

    private readonly string _dir = Directory.CreateTempSubdirectory("nbr-h7-units-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void The_watch_unit_and_the_collect_timer_pass_systemd_analyze_verify()
    {
        Skip.IfNot(File.Exists("/usr/bin/systemd-analyze"), "systemd-analyze is not installed (Debian package systemd)");
        // verify checks that ExecStart exists: point it at the tool built beside the tests instead of /usr/local/bin.
        var tool = Path.Combine(AppContext.BaseDirectory, "netbufrules");
        File.Exists(tool).ShouldBeTrue();
        foreach (var unit in Directory.GetFiles(Folder))
            File.WriteAllText(Path.Combine(_dir, Path.GetFileName(unit)), File.ReadAllText(unit).Replace("/usr/local/bin/netbufrules", tool, StringComparison.Ordinal));
        var info = new ProcessStartInfo("/usr/bin/systemd-analyze") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        foreach (var a in new[] { "verify", "./netbufrules-watch.service", "./netbufrules-collect.service", "./netbufrules-collect.timer" }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit(60_000).ShouldBeTrue();
        // An unknown key is only a warning to systemd (exit 0): any output at all fails the test.
        (output.Result + error).ShouldBeEmpty();
        process.ExitCode.ShouldBe(0);
    }

    [Theory]
    [InlineData("netbufrules-watch.service")]
    [InlineData("netbufrules-collect.service")]
    public void The_units_are_read_only_with_only_the_reading_capabilities(string unit)
    {
        var text = File.ReadAllText(Path.Combine(Folder, unit));
        text.ShouldContain("\nProtectSystem=strict\n");
        text.ShouldContain("\nNoNewPrivileges=yes\n");
        // Reading, plus what the probe privilege drop needs (setpriv to the probe uid) and CAP_NET_ADMIN, which only
        // the read-only ip xfrm forms are given (UnitCapabilityTests runs the tool under this set).
        text.ShouldContain("\nCapabilityBoundingSet=CAP_DAC_READ_SEARCH CAP_SYS_PTRACE CAP_SYSLOG CAP_SETUID CAP_SETGID CAP_SETPCAP CAP_NET_ADMIN\n");
        text.ShouldNotContain("CAP_SYS_ADMIN");
        text.ShouldNotContain("CAP_DAC_OVERRIDE");
    }

    [Theory]
    [InlineData("netbufrules-watch.service")]
    [InlineData("netbufrules-collect.service")]
    public void What_the_units_write_is_roots_alone(string unit)
    {
        // Snapshots and recordings hold the kernel log and every process's sockets (dmesg_restrict, ss -p).
        var text = File.ReadAllText(Path.Combine(Folder, unit));
        text.ShouldContain("\nUMask=0077\n");
        text.ShouldContain("\nStateDirectoryMode=0700\n");
    }
}
