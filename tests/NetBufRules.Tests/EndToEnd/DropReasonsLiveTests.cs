using System.Diagnostics;
using System.Globalization;
using NetBufRules.Probe;
using NetBufRules.Probe.DropReasons;

namespace NetBufRules.Tests.EndToEnd;

/// <summary>
/// The drop_reasons source on this kernel, for real: it counts the drops a test causes in its own namespace under their
/// own reasons, is skipped for an ordinary user while every other probe runs, and leaves no tracefs instance behind,
/// not after Ctrl-C and not after SIGKILL (the next run removes it). The tracepoint is host-wide and other tests drop
/// packets at the same time, so each test asserts only that its own reasons rose by at least its own count.
/// </summary>
[Collection("network namespaces")]
public sealed class DropReasonsLiveTests
{
    private static readonly string Example = Path.Combine(Support.Repo.Root, "examples", "playbooks", "drop-reasons.yaml");
    private static readonly string Instances = Path.Combine(TraceFs.DefaultRoot, "instances");

    private static void RequireRoot() =>
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip") && File.Exists(NetworkNamespace.Python), "needs root, iproute2 and python3 (CI has them)");

    /// <summary>Sends datagrams in the namespace: to a receiver with a 4 KiB SO_RCVBUF that never reads, and to a closed port.</summary>
    private const string Fault = """
        import socket, sys
        full, closed = int(sys.argv[1]), int(sys.argv[2])
        r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        r.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096); r.bind(("127.0.0.1", 9999))
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for _ in range(full): s.sendto(b"x" * 1000, ("127.0.0.1", 9999))
        for _ in range(closed): s.sendto(b"x", ("127.0.0.1", 9))
        """;

    private static (long RcvbufErrors, long NoPorts) Udp(NetworkNamespace ns)
    {
        var lines = ns.In("cat", "/proc/net/snmp").Split('\n').Where(l => l.StartsWith("Udp:", StringComparison.Ordinal)).ToList();
        var names = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Get(string name) => long.Parse(values[Array.IndexOf(names, name)], CultureInfo.InvariantCulture);
        return (Get("RcvbufErrors"), Get("NoPorts"));
    }

    private static Dictionary<string, (long Count, string Location)> Table(RawOutput raw) =>
        raw.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split('\t'))
            .ToDictionary(f => f[0], f => (long.Parse(f[1], CultureInfo.InvariantCulture), f[3]), StringComparer.Ordinal);

    private static string InstanceOf(RawOutput start) => start.Stdout.Trim().Split(' ')[^1];

    [SkippableFact]
    public async Task As_root_it_counts_the_drops_this_test_causes_under_their_own_reasons_and_removes_its_instance()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        var probe = new DropReasonProbe();
        var before = Udp(ns);
        var start = await probe.ReadAsync(0, CancellationToken.None);
        start.Succeeded.ShouldBeTrue(start.FailureMessage);
        var instance = InstanceOf(start);
        Directory.Exists(instance).ShouldBeTrue();
        ns.In(NetworkNamespace.Python, "-c", Fault, "3000", "300");
        var end = await probe.ReadAsync(1, CancellationToken.None);
        var after = Udp(ns);

        var (rcvbuf, noPorts) = (after.RcvbufErrors - before.RcvbufErrors, after.NoPorts - before.NoPorts);
        rcvbuf.ShouldBeGreaterThan(2900, "a 4 KiB buffer holds only a few of 3000 datagrams");
        noPorts.ShouldBe(300);
        var table = Table(end);
        table["SOCKET_RCVBUFF"].Count.ShouldBeGreaterThanOrEqualTo(rcvbuf, end.Stdout);
        table["SOCKET_RCVBUFF"].Location.ShouldContain("udp");
        table["NO_SOCKET"].Count.ShouldBeGreaterThanOrEqualTo(noPorts, end.Stdout);
        end.Stderr.ShouldContain("skb:kfree_skb is host-wide");
        Directory.Exists(instance).ShouldBeFalse();
    }

    [SkippableFact]
    public async Task Two_copies_at_once_each_get_their_own_instance_and_both_count_the_same_drops()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        var (one, two) = (new DropReasonProbe(), new DropReasonProbe());
        var starts = await Task.WhenAll(one.ReadAsync(0, CancellationToken.None), two.ReadAsync(0, CancellationToken.None));
        starts.ShouldAllBe(s => s.Succeeded);
        InstanceOf(starts[0]).ShouldNotBe(InstanceOf(starts[1]));
        var before = Udp(ns);
        ns.In(NetworkNamespace.Python, "-c", Fault, "0", "200");
        var noPorts = Udp(ns).NoPorts - before.NoPorts;
        var ends = await Task.WhenAll(one.ReadAsync(1, CancellationToken.None), two.ReadAsync(1, CancellationToken.None));
        noPorts.ShouldBe(200);
        foreach (var end in ends) Table(end)["NO_SOCKET"].Count.ShouldBeGreaterThanOrEqualTo(noPorts, end.Stdout);
        starts.ShouldAllBe(s => !Directory.Exists(InstanceOf(s)));
    }

    [SkippableFact]
    public void The_example_playbook_names_a_receive_buffer_overflow_as_root_and_is_skipped_with_the_reason_as_nobody_while_the_pack_still_runs()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "udp_overflow.py"), "9999", "60");
        Thread.Sleep(500);
        var root = ns.Diagnose(extra: Example);
        root.Status("drop-reasons").ShouldBe("fired", root.ToString());
        root.Reason("drop-reasons").ShouldMatch(@"SOCKET_RCVBUFF \d+ \([\d.]+/s in udp_queue_rcv_one_skb");
        root.Status("socket-buffers").ShouldBe("fired");

        var user = ns.Diagnose(asNobody: true, extra: Example);
        user.Status("drop-reasons").ShouldBe("skipped");
        user.Reason("drop-reasons").ShouldContain("the kernel's drop reasons need root (tracefs is root-only)");
        user.Status("socket-buffers").ShouldBe("fired", "every other probe still runs");
    }

    [SkippableFact]
    public async Task A_run_killed_with_SIGKILL_mid_window_leaves_its_instance_and_the_next_run_removes_it()
    {
        RequireRoot();
        using var tool = StartTool();
        var instance = WaitForInstance(tool);
        tool.Kill();
        tool.WaitForExit(10_000).ShouldBeTrue();
        Directory.Exists(instance).ShouldBeTrue("SIGKILL gives the tool no chance to clean up");

        var probe = new DropReasonProbe();
        var start = await probe.ReadAsync(0, CancellationToken.None);
        await probe.ReadAsync(1, CancellationToken.None);
        start.Succeeded.ShouldBeTrue(start.FailureMessage);
        Directory.Exists(instance).ShouldBeFalse();
        // Another copy of the suite may have removed it first; when this run did, it says so.
        if (start.Stderr.Length > 0) start.Stderr.ShouldContain("removed stale instances of killed runs");
    }

    [SkippableFact]
    public void A_run_interrupted_with_SIGINT_mid_window_removes_its_instance_and_says_it_was_interrupted()
    {
        RequireRoot();
        // A job started in the background of a non-interactive shell ignores SIGINT, and so does the tool it starts.
        Skip.If(OperatingSystem.IsLinux() && NetBufRules.Tests.Hostile.RobustnessSignalTests.Ignored(2), "SIGINT is ignored by this test process (started in the background), so the tool would ignore it too");
        using var tool = StartTool();
        var instance = WaitForInstance(tool);
        using (var kill = Process.Start("kill", ["-INT", tool.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
        tool.WaitForExit(20_000).ShouldBeTrue("Ctrl-C ends the run without waiting for the window");
        tool.ExitCode.ShouldBe(130);
        tool.StandardError.ReadToEnd().ShouldContain("netbufrules: stopped by SIGINT (Ctrl-C); no verdict was given");
        Directory.Exists(instance).ShouldBeFalse();
    }

    /// <summary>The built tool on the example playbook with a window long enough to be interrupted in.</summary>
    private static Process StartTool()
    {
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet";
        var info = new ProcessStartInfo(File.Exists(dotnet) ? dotnet : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { NetworkNamespace.Tool, "run", Example, "--interval", "60" }) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_HOME"] = "/tmp";
        return Process.Start(info)!;
    }

    private static string WaitForInstance(Process tool)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            var mine = Directory.Exists(Instances) ? Directory.GetDirectories(Instances, $"{TraceFs.InstancePrefix}{tool.Id}-*") : [];
            if (mine.Length == 1) return mine[0];
            if (tool.HasExited) throw new InvalidOperationException($"the tool exited {tool.ExitCode}: {tool.StandardError.ReadToEnd()}");
            Thread.Sleep(100);
        }
        tool.Kill();
        throw new TimeoutException("the tool never created its tracefs instance");
    }
}
