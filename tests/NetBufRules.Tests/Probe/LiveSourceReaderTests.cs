using NetBufRules.Model;
using NetBufRules.Probe;

namespace NetBufRules.Tests.Probe;

/// <summary>Real processes and real files on this machine.</summary>
public sealed class LiveSourceReaderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task I_can_read_a_proc_file_directly()
    {
        var raw = await new LiveSourceReader().ReadAsync(new FileSource("/proc/net/snmp"), Timeout, 0, CancellationToken.None);
        raw.Succeeded.ShouldBeTrue();
        raw.Stdout.ShouldStartWith("Ip: ");
    }

    [Fact]
    public async Task A_missing_file_is_recorded_as_not_found()
    {
        var raw = await new LiveSourceReader().ReadAsync(new FileSource("/proc/sys/net/ipv4/no_such_sysctl"), Timeout, 0, CancellationToken.None);
        raw.Failure.ShouldBe(ReadFailure.NotFound);
        raw.FailureMessage.ShouldBe("/proc/sys/net/ipv4/no_such_sysctl does not exist here");
    }

    [Theory]
    [InlineData("/proc/sys/net/core/bpf_jit_limit")]
    [InlineData("/proc/sys/net/ipv4/route/flush")]
    [InlineData("/proc/slabinfo")]
    [InlineData("/proc/pagetypeinfo")]
    public async Task A_setting_only_root_may_read_is_never_read_even_as_root(string path)
    {
        // stable_secret is the RFC 7217 key of a host's IPv6 addresses; the kernel marks such settings 0600 or 0200.
        var raw = await new LiveSourceReader().ReadAsync(new FileSource(path), Timeout, 0, CancellationToken.None);
        raw.Failure.ShouldBe(ReadFailure.PermissionDenied);
        raw.FailureMessage.ShouldStartWith($"{path} is readable by root alone (mode ");
        raw.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Commands_run_with_the_C_locale()
    {
        var raw = await new LiveSourceReader().ReadAsync(new CommandSource(["env"]), Timeout, 0, CancellationToken.None);
        raw.Stdout.Split('\n').ShouldContain("LC_ALL=C");
        raw.Stdout.Split('\n').ShouldContain("LANG=C");
    }

    [Fact]
    public async Task A_missing_binary_is_recorded_not_thrown()
    {
        var raw = await new LiveSourceReader().ReadAsync(new CommandSource(["no-such-tool-nbr"]), Timeout, 0, CancellationToken.None);
        raw.Failure.ShouldBe(ReadFailure.NotFound);
        raw.FailureMessage.ShouldBe("no-such-tool-nbr not found on /usr/sbin:/usr/bin:/sbin:/bin");
    }

    [Fact]
    public async Task A_non_zero_exit_is_recorded_with_the_first_line_of_stderr()
    {
        var raw = await new LiveSourceReader().ReadAsync(new CommandSource(["ls", "/no/such/dir"]), Timeout, 0, CancellationToken.None);
        raw.Failure.ShouldBe(ReadFailure.NonZeroExit);
        raw.ExitCode.ShouldBe(2);
        raw.FailureMessage.ShouldStartWith("ls /no/such/dir exited 2: ");
        raw.FailureMessage.ShouldContain("cannot access '/no/such/dir'");
    }

    [Fact]
    public async Task A_probe_that_hangs_is_killed_at_its_timeout()
    {
        var marker = $"30.{Random.Shared.Next(100000, 999999)}";
        var raw = await new LiveSourceReader().ReadAsync(new CommandSource(["sleep", marker]), TimeSpan.FromMilliseconds(300), 0, CancellationToken.None);
        raw.Failure.ShouldBe(ReadFailure.Timeout);
        raw.FailureMessage.ShouldBe($"sleep {marker} timed out after 0.3s and was killed");
        // The process is gone, not left running behind us.
        Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Any(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")).Contains(marker, StringComparison.Ordinal); } catch (IOException) { return false; } })
            .ShouldBeFalse();
    }

    [Fact]
    public async Task A_probe_that_prints_megabytes_is_capped_and_marked()
    {
        var raw = await new LiveSourceReader(outputCapBytes: 64 * 1024).ReadAsync(new CommandSource(["seq", "1", "1000000"]), Timeout, 0, CancellationToken.None);
        raw.Succeeded.ShouldBeTrue();
        raw.Truncated.ShouldBeTrue();
        raw.Stdout.Length.ShouldBe(64 * 1024);
    }

    [Fact]
    public async Task Arguments_are_never_interpreted_by_a_shell()
    {
        var raw = await new LiveSourceReader().ReadAsync(new CommandSource(["echo", "$(id)", ";", "|", "*"]), Timeout, 0, CancellationToken.None);
        raw.Stdout.ShouldBe("$(id) ; | *\n");
    }

    [Fact]
    public async Task The_processes_source_lists_this_test_process_with_its_own_limit()
    {
        var raw = await new LiveSourceReader().ReadAsync(new ProcessesSource(), Timeout, 0, CancellationToken.None);
        raw.Stdout.ShouldBeEmpty("the table is data, never text to parse again");
        var mine = raw.Table.ShouldNotBeNull().Rows.Single(r => r["pid"] is double pid && pid == Environment.ProcessId);
        var limits = File.ReadAllLines("/proc/self/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        limits.ShouldContain(Cell.Format(mine["soft"]));
        ((double)mine["fds"]).ShouldBeGreaterThan(2);
    }

    [Theory]
    [InlineData("/sys/class/zram-control/hot_add")]
    [InlineData("/sys/devices/virtual/zram-control/hot_add")]
    public void A_read_that_makes_a_device_is_refused_as_written_whatever_its_mode(string path) =>
        // World-readable, and every read of it creates a zram device (the red team made ten in two seconds of watch).
        NetBufRules.Policy.FilePolicy.CheckWritten(path).ShouldNotBeNull().ShouldContain("a read that makes a device");
}
