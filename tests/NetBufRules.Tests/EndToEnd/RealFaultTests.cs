using System.Diagnostics;

namespace NetBufRules.Tests.EndToEnd;

/// <summary>
/// Induces each cause for real in throwaway network namespaces, runs the built tool inside, and checks the verdict.
/// Needs root (CI runs as root); skipped otherwise. Memory-pressure and tcp-memory are host-global and left out of
/// the "neighbours stay quiet" sets: a kernel log keeps an OOM line (from the OOM test) for the playbook's hour.
/// So is neighbour-table: the neighbour table is the host's, and its overflow line (from CatalogueFaultTests) stays recent for minutes.
/// </summary>
[Collection("network namespaces")]
public sealed class RealFaultTests
{
    private static readonly string[] HostGlobal = ["memory-pressure", "tcp-memory", "neighbour-table"];

    private static void RequireRoot() =>
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip") && File.Exists(NetworkNamespace.Python), "needs root, iproute2 and python3 (CI has them)");

    private static IReadOnlyList<string> FiredNetworkCauses(NetworkNamespace.Report report) => [.. report.Fired.Except(HostGlobal)];

    private static void WaitForReady(Process process)
    {
        var line = process.StandardOutput.ReadLine();
        // Read stderr only when the program is gone: it blocks while the program runs.
        if (line is null) throw new InvalidOperationException($"the fault program exited: {process.StandardError.ReadToEnd()}");
        line.ShouldStartWith("ready");
    }

    [SkippableFact]
    public void A_healthy_namespace_fires_no_network_cause()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        var report = ns.Diagnose();
        FiredNetworkCauses(report).ShouldBeEmpty(report.ToString());
        report.Status("tcp-memory").ShouldBe("skipped");
        report.Reason("tcp-memory").ShouldContain("global to the host");
    }

    [SkippableFact]
    public void An_accept_queue_overflow_fires_tcp_backlog_naming_the_listener()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        WaitForReady(ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "listener.py"), "9000", "2", "60"));
        ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "connect_flood.py"), "9000", "50", "60", "--keep");
        Thread.Sleep(1000);
        var report = ns.Diagnose();
        report.ExitCode.ShouldBe(1);
        FiredNetworkCauses(report).ShouldBe(["tcp-backlog"], report.ToString());
        report.Reason("tcp-backlog").ShouldMatch(@"127\.0\.0\.1:9000 has \d+ waiting with an effective backlog of 2 \(python3 pid \d+\)");
    }

    [SkippableFact]
    public void A_udp_receive_buffer_overflow_fires_socket_buffers_naming_the_socket()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "udp_overflow.py"), "9999", "60");
        Thread.Sleep(500);
        var report = ns.Diagnose();
        FiredNetworkCauses(report).ShouldBe(["socket-buffers"], report.ToString());
        report.Reason("socket-buffers").ShouldMatch(@"sockets dropping now: 127\.0\.0\.1:9999 \(\+\d+ drops?, receive buffer \d+ bytes, python3 pid \d+: the application sets SO_RCVBUF to 4096 \(the kernel doubles it\); raise it in the application");
    }

    [SkippableFact]
    public void A_netlink_listener_that_cannot_keep_up_fires_netlink_drops_naming_it()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        var process = ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "netlink_overflow.py"), "60");
        WaitForReady(process);
        Thread.Sleep(500);
        var report = ns.Diagnose();
        FiredNetworkCauses(report).ShouldBe(["netlink-drops"], report.ToString());
        report.Reason("netlink-drops").ShouldMatch(@"a route socket \(inode \d+, port (\d+), python3 pid \1\) lost \d+ \([\d.]+/s\)");
    }

    [SkippableFact]
    public void A_process_at_its_open_files_limit_fires_file_descriptors_naming_it()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        var process = ns.Start("prlimit", "--nofile=64:64", NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "hold_fds.py"), "60");
        process.StandardOutput.ReadLine().ShouldNotBeNull().ShouldStartWith("holding");
        var report = ns.Diagnose();
        FiredNetworkCauses(report).ShouldBe(["file-descriptors"], report.ToString());
        report.Reason("file-descriptors").ShouldMatch(@"pid \d+ \(python3\) has 6[45] of 64");
    }

    [SkippableFact]
    public void An_fd_starved_listener_fires_tcp_backlog_and_links_it_to_file_descriptors()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        WaitForReady(ns.Start("prlimit", "--nofile=16:16", NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "listener.py"), "9001", "8", "60", "--accept"));
        ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "connect_flood.py"), "9001", "60", "60", "--keep");
        Thread.Sleep(1500);
        var report = ns.Diagnose();
        FiredNetworkCauses(report).ShouldBe(["file-descriptors", "tcp-backlog"], report.ToString());
        report.Reason("tcp-backlog").ShouldContain("out of file descriptors, so accept() fails with EMFILE");
        report.Reason("tcp-backlog").ShouldContain("see the file-descriptors finding");
    }

    [SkippableFact]
    public void Qdisc_drops_on_a_veth_fire_nic_drops_naming_the_qdisc()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        var far = ns.NewNamespace();
        ns.In("ip", "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", far);
        ns.In("ip", "addr", "add", "10.213.0.1/24", "dev", "va");
        NetworkNamespace.Run("ip", "netns", "exec", far, "ip", "addr", "add", "10.213.0.2/24", "dev", "vb");
        ns.In("ip", "link", "set", "va", "up");
        NetworkNamespace.Run("ip", "netns", "exec", far, "ip", "link", "set", "vb", "up");
        ns.In("tc", "qdisc", "add", "dev", "va", "root", "tbf", "rate", "1mbit", "burst", "1600", "limit", "3000");
        ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "udp_flood.py"), "10.213.0.2", "60");
        Thread.Sleep(500);
        // A neighbour overflow line left in the host's kernel log by another test would count as an explanation too:
        // this test asserts only its own fault, so neighbour-table looks at no past log lines here.
        var report = ns.Diagnose(extra: ["--set", "neighbour-table.recent_seconds=0"]);
        // The sender's UdpSndbufErrors rise with the qdisc drops; nic-drops explains them, so socket-buffers leaves them to it.
        FiredNetworkCauses(report).ShouldBe(["nic-drops"], report.ToString());
        report.Reason("nic-drops").ShouldMatch(@"tbf [0-9a-f]+: on va \(\+\d+ drops?");
        report.Reason("socket-buffers").ShouldContain("which nic-drops explains (see there): not a send buffer");
    }

    [SkippableFact]
    public void Without_nstat_or_netstat_and_with_a_german_locale_the_backlog_verdict_is_the_same()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        // The probe PATH is narrowed by the invoking user through NETBUFRULES_PROBE_PATH (the caller's PATH is never used);
        // its folder must be root's alone like any probe folder, so it lives beside the tests, not in the world-writable /tmp.
        var bin = Directory.CreateDirectory(Path.Combine(Support.RootOwned.Folder, $"nbr-e2e-bin-{Environment.ProcessId}-{Random.Shared.Next()}"));
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(bin.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            foreach (var tool in new[] { "ss", "ip", "tc", "dmesg", "sysctl", "getconf", "journalctl" })
            {
                var target = new[] { "/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/" }.Select(d => d + tool).FirstOrDefault(File.Exists);
                if (target is not null) File.CreateSymbolicLink(Path.Combine(bin.FullName, tool), target);
            }
            WaitForReady(ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "listener.py"), "9002", "2", "60"));
            ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "connect_flood.py"), "9002", "50", "60", "--keep");
            Thread.Sleep(1000);
            var report = ns.Diagnose(new Dictionary<string, string> { ["NETBUFRULES_PROBE_PATH"] = bin.FullName, ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8" });
            FiredNetworkCauses(report).ShouldBe(["tcp-backlog"], report.ToString());
            var listen = report.Result("tcp-backlog").GetProperty("probes").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "listen");
            listen.GetProperty("source").GetString().ShouldBe("/proc/net/netstat");
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public void An_ordinary_user_gets_root_only_probes_skipped_and_no_crash()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        var report = ns.Diagnose(asNobody: true);
        report.Json.RootElement.GetProperty("host").GetProperty("root").GetBoolean().ShouldBeFalse();
        report.Json.RootElement.GetProperty("summary").GetProperty("error").GetInt32().ShouldBe(0, report.ToString());
        if (File.ReadAllText("/proc/sys/kernel/dmesg_restrict").Trim() == "1")
        {
            var oom = report.Result("memory-pressure").GetProperty("probes").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "oom_recent");
            oom.GetProperty("status").GetString().ShouldBe("skipped");
            oom.GetProperty("reason").GetString()!.ShouldContain("Operation not permitted");
        }
        report.Result("file-descriptors").GetProperty("notes").EnumerateArray().Select(n => n.GetString()!)
            .ShouldContain(n => n.Contains("processes not readable", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Applying_the_rendered_somaxconn_fix_inside_the_namespace_stops_the_finding()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        ns.In("sysctl", "-w", "net.core.somaxconn=4");
        var listener = ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "listener.py"), "9003", "1024", "60");
        WaitForReady(listener);
        var clients = ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "connect_flood.py"), "9003", "50", "60");
        Thread.Sleep(1000);
        var before = ns.Diagnose();
        before.Status("tcp-backlog").ShouldBe("fired", before.ToString());
        before.Reason("tcp-backlog").ShouldContain("effective backlog of 4");
        before.Reason("tcp-backlog").ShouldNotContain("raise the backlog the application passes", customMessage: "somaxconn (4) is the limit here, not the application's listen(1024)");
        var fix = before.Result("tcp-backlog").GetProperty("fixes")[0];
        var content = fix.GetProperty("content").GetString()!;
        content.ShouldContain("net.core.somaxconn = 4096");

        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, content);
            ns.In("sysctl", "-p", file); // what the fix's 'then' does, inside the namespace instead of /etc
        }
        finally
        {
            File.Delete(file);
        }
        ns.In("cat", "/proc/sys/net/core/somaxconn").Trim().ShouldBe("4096");
        // The backlog is fixed at listen(): the service restarts, and the same burst comes again.
        listener.Kill(entireProcessTree: true);
        clients.Kill(entireProcessTree: true);
        listener.WaitForExit();
        clients.WaitForExit();
        WaitForReady(ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "listener.py"), "9004", "1024", "60"));
        ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "connect_flood.py"), "9004", "50", "60");
        Thread.Sleep(1000);
        var after = ns.Diagnose();
        after.Status("tcp-backlog").ShouldNotBe("fired", after.ToString());
    }

    [SkippableFact]
    public void A_memory_cgroup_oom_fires_memory_pressure_naming_the_victim()
    {
        RequireRoot();
        var v1 = "/sys/fs/cgroup/memory";
        var v2 = File.Exists("/sys/fs/cgroup/cgroup.controllers") && File.ReadAllText("/sys/fs/cgroup/cgroup.controllers").Contains("memory", StringComparison.Ordinal);
        Skip.IfNot(Directory.Exists(v1) || v2, "no memory cgroup controller here");
        using var ns = new NetworkNamespace();
        var cgroup = Directory.Exists(v1) ? $"{v1}/{ns.Name}" : $"/sys/fs/cgroup/{ns.Name}";
        Directory.CreateDirectory(cgroup);
        ns.OwnCgroup(cgroup);
        File.WriteAllText(Path.Combine(cgroup, Directory.Exists(v1) ? "memory.limit_in_bytes" : "memory.max"), (64 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The shell only moves itself into the cgroup before becoming the allocating program; it waits so the kill falls
        // inside the sampling window (a kill from before the run is history: advice).
        var victim = ns.StartOnHost("/bin/sh", "-c", $"echo $$ > {cgroup}/cgroup.procs && sleep 3 && exec {NetworkNamespace.Python} {Path.Combine(NetworkNamespace.Faults, "eat_memory.py")}");
        var report = ns.Diagnose(interval: 8);
        victim.WaitForExit(60_000).ShouldBeTrue();
        victim.ExitCode.ShouldBe(137, "killed by the OOM killer");
        report.Status("memory-pressure").ShouldBe("fired", report.ToString());
        // Named from the kernel log read at the end of the window, with its cgroup and the limit it hit.
        report.Reason("memory-pressure").ShouldContain($"pid {victim.Id} (python3, Memory cgroup out of memory) in memory cgroup /{ns.Name} (limit 64 MiB)");
        // The lever is the cgroup's own limit, not vm.min_free_kbytes (no unit owns it, so no drop-in).
        report.Reason("memory-pressure").ShouldContain("its limit is the lever (memory.max");
        var fixes = report.Result("memory-pressure").GetProperty("fixes").EnumerateArray().Select(f => f.GetProperty("content").GetString()!).ToList();
        fixes.ShouldNotContain(f => f.Contains($"{ns.Name}", StringComparison.Ordinal));
        if (!report.Reason("memory-pressure").Contains("atomic page allocations failed", StringComparison.Ordinal))
            fixes.ShouldNotContain(f => f.Contains("vm.min_free_kbytes =", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_service_cgroup_oom_gets_a_MemoryMax_drop_in_only_while_its_limit_now_is_below_twice_the_kill()
    {
        RequireRoot();
        var v1 = Directory.Exists("/sys/fs/cgroup/memory");
        var v2 = File.Exists("/sys/fs/cgroup/cgroup.subtree_control") && File.ReadAllText("/sys/fs/cgroup/cgroup.subtree_control").Contains("memory", StringComparison.Ordinal);
        Skip.IfNot(v1 || v2, "no memory cgroup controller here");
        using var ns = new NetworkNamespace("nbr-levers");
        // Shaped as systemd lays out a service (SLICE.slice/UNIT.service), so the kernel log names a unit; no systemd is involved.
        var root = v1 ? "/sys/fs/cgroup/memory" : "/sys/fs/cgroup";
        var slice = Path.Combine(root, $"{ns.Name}.slice");
        var unit = $"{ns.Name}-svc.service";
        var cgroup = Path.Combine(slice, unit);
        Directory.CreateDirectory(slice);
        ns.OwnCgroup(slice);
        if (!v1) File.WriteAllText(Path.Combine(slice, "cgroup.subtree_control"), "+memory");
        Directory.CreateDirectory(cgroup);
        ns.OwnCgroup(cgroup);
        var limit = Path.Combine(cgroup, v1 ? "memory.limit_in_bytes" : "memory.max");
        File.WriteAllText(limit, (64 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var victim = ns.StartOnHost("/bin/sh", "-c", $"echo $$ > {cgroup}/cgroup.procs && exec {NetworkNamespace.Python} {Path.Combine(NetworkNamespace.Faults, "eat_memory.py")}");
        victim.WaitForExit(60_000).ShouldBeTrue();
        victim.ExitCode.ShouldBe(137, "killed by the OOM killer");
        List<string> Fixes(NetworkNamespace.Report r) => [.. r.Result("memory-pressure").GetProperty("fixes").EnumerateArray()
            .Select(f => f.GetProperty("path").GetString()!).Where(p => p.Contains(unit, StringComparison.Ordinal))];

        // The limit the kill hit (64 MiB) is still in force: twice it, at least 256M, as the unit's MemoryMax=.
        var unchanged = NetworkNamespace.DiagnoseOnHost();
        unchanged.Reason("memory-pressure").ShouldContain($"unit {unit}: raise MemoryMax= in a drop-in", Case.Sensitive, unchanged.ToString());
        Fixes(unchanged).ShouldBe([$"/etc/systemd/system/{unit}.d/90-netbufrules-memory.conf"]);
        unchanged.Result("memory-pressure").GetProperty("fixes").EnumerateArray().Single(f => f.GetProperty("path").GetString()!.Contains(unit, StringComparison.Ordinal))
            .GetProperty("content").GetString()!.ShouldContain("MemoryMax=262144K");

        // Raised since to 1 GiB: a drop-in at 256M would lower it, so there is none.
        File.WriteAllText(limit, (1 << 30).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var raised = NetworkNamespace.DiagnoseOnHost();
        raised.Reason("memory-pressure").ShouldContain($"unit {unit}, whose limit was raised since to 1024 MiB: no drop-in is needed");
        Fixes(raised).ShouldBeEmpty();

        // The service's cgroup is gone (its slice is still there): nothing to raise.
        Directory.Delete(cgroup);
        var gone = NetworkNamespace.DiagnoseOnHost();
        gone.Reason("memory-pressure").ShouldContain($"unit {unit}, whose cgroup is gone now");
        Fixes(gone).ShouldBeEmpty();
    }
}

[CollectionDefinition("network namespaces", DisableParallelization = true)]
public sealed class NetworkNamespaceCollection;
