using System.Diagnostics;
using NetBufRules.Model;
using NetBufRules.Policy;
using NetBufRules.Probe;

namespace NetBufRules.Tests.Policy;

/// <summary>file: sources read only regular files under /proc and /sys, checked as written and as resolved, within a timeout and a cap.</summary>
public sealed class FilePolicyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData("/proc/net/snmp")]
    [InlineData("/proc/net/netstat")]
    [InlineData("/proc/sys/net/core/somaxconn")]
    [InlineData("/proc/self/limits")]
    [InlineData("/proc/1/status")]
    [InlineData("/proc/pressure/memory")]
    [InlineData("/sys/class/net/lo/statistics/rx_bytes")]
    [InlineData("/proc/bus/input/devices")]
    public void A_plain_proc_or_sys_file_may_be_read(string path) => FilePolicy.CheckWritten(path).ShouldBeNull();

    [Theory]
    [InlineData("/etc/shadow", "outside /proc and /sys")]
    [InlineData("/dev/zero", "outside /proc and /sys")]
    [InlineData("/tmp/nbr-fifo", "outside /proc and /sys")]
    [InlineData("proc/net/snmp", "not an absolute path")]
    [InlineData("/proc/../etc/shadow", "not canonical")]
    [InlineData("/proc//net/snmp", "not canonical")]
    [InlineData("/proc/./net/snmp", "not canonical")]
    [InlineData("/proc/net/", "not canonical")]
    [InlineData("/proc/kmsg", "kernel secret")]
    [InlineData("/proc/kcore", "kernel secret")]
    [InlineData("/proc/kpageflags", "kernel secret")]
    [InlineData("/proc/keys", "kernel secret")]
    [InlineData("/proc/sys/net/ipv6/conf/lo/stable_secret", "kernel secret")]
    [InlineData("/proc/sys/net/ipv6/conf/default/stable_secret", "kernel secret")]
    [InlineData("/proc/sysrq-trigger", "kernel secret")]
    [InlineData("/proc/1/environ", "process's secret")]
    [InlineData("/proc/self/environ", "process's secret")]
    [InlineData("/proc/1/mem", "process's secret")]
    [InlineData("/proc/1/cmdline", "process's secret")]
    [InlineData("/proc/1/root/etc/shadow", "process's secret")]
    [InlineData("/proc/self/root/etc/shadow", "process's secret")]
    [InlineData("/proc/1/cwd/secret", "process's secret")]
    [InlineData("/proc/1/task/1/cwd/secret", "process's secret")]
    [InlineData("/proc/thread-self/fd/0", "process's secret")]
    [InlineData("/proc/1/exe", "process's secret")]
    [InlineData("/proc/1/map_files/x", "process's secret")]
    [InlineData("/proc/1/pagemap", "process's secret")]
    [InlineData("/proc/1/maps", "process's secret")]
    [InlineData("/proc/self/smaps", "process's secret")]
    [InlineData("/proc/1/smaps_rollup", "process's secret")]
    [InlineData("/proc/1/task/1/numa_maps", "process's secret")]
    [InlineData("/sys/kernel/debug/tracing/trace_pipe", "debug, tracing")]
    [InlineData("/sys/kernel/tracing/trace_pipe", "debug, tracing")]
    [InlineData("/sys/firmware/efi/efivars/x", "debug, tracing")]
    [InlineData("/sys/devices/pci0000:00/0000:00:01.0/rom", "debug, tracing")]
    [InlineData("/proc/bus/pci/00/00.0", "device's config space")]
    [InlineData("/proc/bus/pci/devices", "device's config space")]
    [InlineData("/proc/bus/usb/001/001", "device's config space")]
    [InlineData("/proc/ide/hda/identify", "device's config space")]
    public void A_secret_a_device_or_a_way_out_is_refused_as_written(string path, string why) =>
        FilePolicy.CheckWritten(path).ShouldNotBeNull().ShouldContain(why);

    [Fact]
    public void A_resolved_path_outside_proc_and_sys_is_refused()
    {
        FilePolicy.CheckResolved("/etc/shadow").ShouldNotBeNull().ShouldContain("outside /proc and /sys");
        FilePolicy.CheckResolved("/proc/1/environ").ShouldNotBeNull().ShouldContain("process's secret");
        FilePolicy.CheckResolved("/proc/42/net/snmp").ShouldBeNull();
    }

    [Fact]
    public async Task The_reader_refuses_a_forbidden_file_even_when_validation_was_bypassed()
    {
        foreach (var path in new[] { "/etc/shadow", "/dev/zero", "/proc/self/root/etc/shadow", "/proc/kmsg" })
        {
            var watch = Stopwatch.StartNew();
            var raw = await new LiveSourceReader().ReadAsync(new FileSource(path), Timeout, 0, CancellationToken.None);
            raw.Succeeded.ShouldBeFalse(path);
            raw.Stdout.ShouldBeEmpty();
            raw.FailureMessage.ShouldNotBeNull().ShouldContain("not read");
            // Read, /proc/kmsg blocks forever and /dev/zero never ends: seconds tell a refusal from a read on a busy machine.
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task A_fifo_is_never_opened()
    {
        var fifo = Path.Combine(Path.GetTempPath(), $"nbr-h1-fifo-{Guid.NewGuid():N}");
        Process.Start("mkfifo", fifo).WaitForExit();
        try
        {
            var raw = await new LiveSourceReader().ReadAsync(new FileSource(fifo), Timeout, 0, CancellationToken.None);
            raw.Succeeded.ShouldBeFalse();
            raw.FailureMessage.ShouldNotBeNull().ShouldContain("outside /proc and /sys");
        }
        finally
        {
            File.Delete(fifo);
        }
    }

    [Fact]
    public async Task A_file_read_is_capped_and_stops_at_the_cap()
    {
        var raw = await new LiveSourceReader(outputCapBytes: 100).ReadAsync(new FileSource("/proc/self/status"), Timeout, 0, CancellationToken.None);
        raw.Succeeded.ShouldBeTrue();
        raw.Truncated.ShouldBeTrue();
        raw.Stdout.Length.ShouldBe(100);
    }

    [Fact]
    public async Task A_read_that_blocks_gives_up_at_the_timeout_and_honours_cancellation()
    {
        // A FIFO without a writer blocks in open(): the kind of read the policy keeps out, used here to prove the timeout.
        var fifo = Path.Combine(Path.GetTempPath(), $"nbr-h1-fifo-{Guid.NewGuid():N}");
        Process.Start("mkfifo", fifo).WaitForExit();
        try
        {
            var watch = Stopwatch.StartNew();
            var raw = await LiveSourceReader.ReadWithinAsync(fifo, fifo, TimeSpan.FromMilliseconds(300), 1024, CancellationToken.None);
            raw.Failure.ShouldBe(ReadFailure.Timeout);
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await Should.ThrowAsync<OperationCanceledException>(() => LiveSourceReader.ReadWithinAsync(fifo, fifo, TimeSpan.FromMinutes(1), 1024, cts.Token));
        }
        finally
        {
            // Unblock the abandoned open() so no thread stays behind.
            using (var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
            File.Delete(fifo);
        }
    }

    [Fact]
    public async Task An_endless_file_costs_one_cap_of_reading()
    {
        var watch = Stopwatch.StartNew();
        var raw = await LiveSourceReader.ReadWithinAsync("/dev/zero", "/dev/zero", TimeSpan.FromSeconds(5), 64 * 1024, CancellationToken.None);
        raw.Truncated.ShouldBeTrue();
        raw.Stdout.Length.ShouldBe(64 * 1024);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }
}
