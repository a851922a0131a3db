using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NetBufRules.Tests.EndToEnd;

/// <summary>
/// Induces the catalogue's neighbour-table, multicast and option-memory faults for real in throwaway namespaces
/// (named nbr-h5-*), runs the built tool inside, and checks that the cause fires under its own id, names the culprit
/// and renders the right lever, while socket-buffers does not claim it. Needs root; skipped otherwise.
/// </summary>
[Collection("network namespaces")]
public sealed partial class CatalogueFaultTests
{
    // Verdicts other tests (or the host) can move: an OOM line, TCP memory, the neighbour table (whose overflow
    // line from the neighbour test stays recent for minutes) and file-descriptors (the process table is the host's:
    // other suites running at the same time hold processes at their open-files limit).
    private static readonly string[] HostGlobal = ["memory-pressure", "tcp-memory", "neighbour-table", "file-descriptors"];

    private static string Fault(string script) => Path.Combine(NetworkNamespace.Faults, script);

    private static void RequireRoot() =>
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip") && File.Exists(NetworkNamespace.Python), "needs root, iproute2 and python3 (CI has them)");

    private static IReadOnlyList<string> FiredNetworkCauses(NetworkNamespace.Report report) => [.. report.Fired.Except(HostGlobal)];

    /// <summary>A namespace with a veth pair (mc0 10.214.0.1/16 and its peer mc1, both up): multicast needs an interface that has it.</summary>
    private static NetworkNamespace WithVeth()
    {
        var ns = new NetworkNamespace("nbr-h5");
        ns.In("ip", "link", "add", "mc0", "type", "veth", "peer", "name", "mc1");
        ns.In("ip", "addr", "add", "10.214.0.1/16", "dev", "mc0");
        ns.In("ip", "link", "set", "mc0", "up");
        ns.In("ip", "link", "set", "mc1", "up");
        return ns;
    }

    /// <summary>Reads the fault program's "ready k=v ..." line.</summary>
    private static IReadOnlyDictionary<string, int> Ready(Process process)
    {
        var line = process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"the fault program exited: {process.StandardError.ReadToEnd()}");
        line.ShouldStartWith("ready");
        return line.Split(' ').Skip(1).Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => int.Parse(kv[1], CultureInfo.InvariantCulture));
    }

    private static string Fix(NetworkNamespace.Report report, string id) =>
        string.Join("\n", report.Result(id).GetProperty("fixes").EnumerateArray().Select(f => f.GetProperty("content").GetString()));

    /// <summary>The ages in seconds of the neighbour-table overflow lines in the kernel log: the ground truth for the healthy check.</summary>
    private static IReadOnlyList<double> NeighbourOverflowAges()
    {
        var uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
        return [.. OverflowLine().Matches(NetworkNamespace.Run("dmesg")).Select(m => uptime - double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
    }

    [GeneratedRegex(@"^\[\s*([\d.]+)\][^\n]*neighbour: \w+: neighbor table overflow", RegexOptions.Multiline)]
    private static partial Regex OverflowLine();

    [SkippableFact]
    public void A_healthy_namespace_with_a_multicast_interface_keeps_the_catalogue_causes_quiet()
    {
        RequireRoot();
        using var ns = WithVeth();
        var report = ns.Diagnose();
        report.Status("multicast-limits").ShouldBe("ok", report.ToString());
        report.Status("socket-option-memory").ShouldBe("ok", report.ToString());
        // The neighbour table is the host's: it fires here only when the host's kernel log says it overflowed in the
        // last 30 s, and gives advice for older overflow lines (the neighbour test leaves one).
        var ages = NeighbourOverflowAges();
        if (ages.Any(a => a < 25))
            report.Reason("neighbour-table").ShouldMatch(@"neighbour-table overflow lines? in the last 30 s");
        else if (ages.Count > 0 && ages.All(a => a > 35))
            report.Status("neighbour-table").ShouldBe("advice", report.ToString());
        else if (ages.Count == 0)
            report.Status("neighbour-table").ShouldBe("ok", report.ToString());
        report.Result("neighbour-table").GetProperty("probes").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "gc_thresh3").GetProperty("reason").GetString()
            .ShouldBe("net.ipv4.neigh.default.gc_thresh3 belongs to the host (it does not exist in a network namespace)");
        report.Status("neighbour-table").ShouldNotBe("error", report.ToString());
    }

    [SkippableFact]
    public void A_full_neighbour_table_fires_neighbour_table_naming_the_hosts_limit_and_never_socket_buffers()
    {
        RequireRoot();
        using var ns = WithVeth();
        try
        {
            // Fills the host's table for well under a second, sends once more, and flushes its own entries.
            var ready = Ready(ns.Start(NetworkNamespace.Python, Fault("neighbour_overflow.py"), "mc0", "10.214", "60"));
            ready["errno"].ShouldBe(105, "the send to a peer without an entry fails with ENOBUFS while the table is full");
            ns.In("ip", "neigh", "show", "dev", "mc0").Trim().ShouldBeEmpty("the program flushed its entries");
            var report = ns.Diagnose();
            report.Status("neighbour-table").ShouldBe("fired", report.ToString());
            report.Reason("neighbour-table").ShouldMatch(@"neighbour-table overflow lines? in the last 30 s \(last \d+ s ago, table arp_cache\)");
            // The limits are the host's and not visible here: no file (it could lower them), the reason says what to raise there.
            report.Reason("neighbour-table").ShouldContain("the host's gc_thresh3 (not visible here; on the host, raise net.ipv4.neigh.default.gc_thresh3 to at least 8192");
            Fix(report, "neighbour-table").ShouldBeEmpty();
            report.Status("socket-buffers").ShouldNotBe("fired", report.ToString());
            FiredNetworkCauses(report).ShouldBeEmpty(report.ToString());
        }
        finally
        {
            // Deleting the namespace removes its entries too; flush first so the host's table is freed at once.
            try { ns.In("ip", "neigh", "flush", "dev", "mc0"); }
            catch (InvalidOperationException) { }
        }
    }

    [SkippableFact]
    public void A_socket_at_the_membership_limit_fires_multicast_limits_naming_the_socket_and_its_groups()
    {
        RequireRoot();
        using var ns = WithVeth();
        var ready = Ready(ns.Start(NetworkNamespace.Python, Fault("multicast_limits.py"), "groups", "mc0", "10.214.0.1", "60"));
        (ready["joined"], ready["errno"]).ShouldBe((20, 105), "igmp_max_memberships is 20 in a new namespace");
        var report = ns.Diagnose();
        FiredNetworkCauses(report).ShouldBe(["multicast-limits"], report.ToString());
        report.Reason("multicast-limits").ShouldMatch(@"udp 0\.0\.0\.0:5000 \(python3 pid \d+\)\s+holds 960 bytes of option memory, room for 20 memberships");
        report.Reason("multicast-limits").ShouldContain("20 groups are joined: on mc0 239.1.");
        Fix(report, "multicast-limits").ShouldContain("net.ipv4.igmp_max_memberships = 256");
        Fix(report, "multicast-limits").ShouldNotContain("msf");
    }

    [SkippableFact]
    public void A_group_at_the_source_filter_limit_fires_multicast_limits_naming_the_group_and_interface()
    {
        RequireRoot();
        using var ns = WithVeth();
        var ready = Ready(ns.Start(NetworkNamespace.Python, Fault("multicast_limits.py"), "sources", "mc0", "10.214.0.1", "60"));
        (ready["joined"], ready["errno"]).ShouldBe((10, 105), "igmp_max_msf is 10 in a new namespace");
        var report = ns.Diagnose();
        FiredNetworkCauses(report).ShouldBe(["multicast-limits"], report.ToString());
        report.Reason("multicast-limits").ShouldContain("group 0xe8010101 (hex, network order) on mc0 has 10 sources");
        report.Reason("multicast-limits").ShouldMatch(@"udp 0\.0\.0\.0:5000\s+\(python3 pid \d+\)");
        Fix(report, "multicast-limits").ShouldContain("net.ipv4.igmp_max_msf = 64");
        Fix(report, "multicast-limits").ShouldNotContain("igmp_max_memberships =");
    }

    [SkippableFact]
    public void Ipv6_source_filters_at_the_default_limit_are_advice_naming_the_hosts_mld_max_msf()
    {
        RequireRoot();
        using var ns = WithVeth();
        var ready = Ready(ns.Start(NetworkNamespace.Python, Fault("multicast_limits.py"), "sources6", "mc0", "::", "60"));
        ready["errno"].ShouldBe(105);
        ready["joined"].ShouldBe(int.Parse(File.ReadAllText("/proc/sys/net/ipv6/mld_max_msf").Trim(), CultureInfo.InvariantCulture));
        var report = ns.Diagnose();
        report.Status("multicast-limits").ShouldBe(ready["joined"] >= 64 ? "advice" : "ok", report.ToString());
        Skip.If(ready["joined"] < 64, "the host's mld_max_msf is below the kernel default");
        report.Reason("multicast-limits").ShouldContain("the host's value is not visible in this network namespace");
        var fix = Fix(report, "multicast-limits");
        // mld_max_msf is the host's and not visible here: no file (it could lower it); the reason says to raise it on the host.
        report.Reason("multicast-limits").ShouldContain("(raise it on the host)");
        fix.ShouldNotContain("net.ipv6.mld_max_msf =");
        report.Status("socket-buffers").ShouldNotBe("fired");
    }

    [SkippableFact]
    public void Unread_zerocopy_notifications_fire_socket_option_memory_and_say_to_read_the_error_queue()
    {
        RequireRoot();
        using var ns = new NetworkNamespace("nbr-h5");
        var ready = Ready(ns.Start(NetworkNamespace.Python, Fault("zerocopy_unread.py"), "7001", "60"));
        ready["errno"].ShouldBe(105, "sendmsg(MSG_ZEROCOPY) fails once the notifications fill optmem_max");
        var report = ns.Diagnose();
        FiredNetworkCauses(report).ShouldBe(["socket-option-memory"], report.ToString());
        report.Reason("socket-option-memory").ShouldMatch(@"udp 0\.0\.0\.0:\d+ holds \d{6} bytes \(python3 pid \d+\)");
        var fix = Fix(report, "socket-option-memory");
        fix.ShouldContain("net.core.optmem_max = 262144");
        fix.ShouldContain("recvmsg with MSG_ERRQUEUE");
    }

    [SkippableFact]
    public void Multicast_joins_that_exhaust_optmem_fire_socket_option_memory_not_multicast_limits()
    {
        RequireRoot();
        using var ns = WithVeth();
        ns.In("sysctl", "-qw", "net.core.optmem_max=4096", "net.ipv4.igmp_max_memberships=1000");
        var ready = Ready(ns.Start(NetworkNamespace.Python, Fault("multicast_limits.py"), "groups", "mc0", "10.214.0.1", "60"));
        (ready["joined"], ready["errno"]).ShouldBe((85, 105), "85 memberships of 48 bytes fill 4096 bytes of option memory");
        var report = ns.Diagnose();
        FiredNetworkCauses(report).ShouldBe(["socket-option-memory"], report.ToString());
        report.Reason("socket-option-memory").ShouldMatch(@"optmem_max 4096 bytes\).*udp 0\.0\.0\.0:5000 holds 4080 bytes \(python3 pid \d+\)");
        Fix(report, "socket-option-memory").ShouldContain("net.core.optmem_max = 131072");

        // The rendered fix, applied inside the namespace (optmem_max is per namespace), lets the joins through.
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, Fix(report, "socket-option-memory"));
            ns.In("sysctl", "-p", file);
        }
        finally
        {
            File.Delete(file);
        }
        var again = Ready(ns.Start(NetworkNamespace.Python, Fault("multicast_limits.py"), "groups", "mc0", "10.214.0.1", "60", "200"));
        (again["joined"], again["errno"]).ShouldBe((200, 0));
    }
}
