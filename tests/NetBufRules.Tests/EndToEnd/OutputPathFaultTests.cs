using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NetBufRules.Tests.EndToEnd;

/// <summary>
/// The output-path causes of ENOBUFS (issue 11), induced for real between two throwaway namespaces joined by a veth
/// pair: an xfrm policy the kernel cannot resolve, a tc egress filter that drops, a datagram larger than its socket's
/// own send buffer, a full tbf qdisc, and send failures that no playbook names. Each names its own cause and lever,
/// and socket-buffers never claims the send buffer for them. Needs root, iproute2 and python3; skipped otherwise.
/// </summary>
[Collection("network namespaces")]
public sealed partial class OutputPathFaultTests
{
    private const string Near = "10.213.6.1";
    private const string Far = "10.213.6.2";

    private static void RequireRoot() =>
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip") && File.Exists(NetworkNamespace.Python), "needs root, iproute2 and python3 (CI has them)");

    /// <summary>This namespace (va, 10.213.6.1) joined to a far one (vb, 10.213.6.2); returns the far namespace's name.</summary>
    private static string Pair(NetworkNamespace ns)
    {
        var far = ns.NewNamespace();
        ns.In("ip", "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", far);
        ns.In("ip", "addr", "add", Near + "/24", "dev", "va");
        NetworkNamespace.Run("ip", "netns", "exec", far, "ip", "addr", "add", Far + "/24", "dev", "vb");
        ns.In("ip", "link", "set", "va", "up");
        NetworkNamespace.Run("ip", "netns", "exec", far, "ip", "link", "set", "vb", "up");
        return far;
    }

    /// <summary>Starts udp_send.py toward the far end and returns what the sender saw first ("errno=105 ..." or "silent").</summary>
    private static string Send(NetworkNamespace ns, params string[] options)
    {
        Process sender = ns.Start([NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "udp_send.py"), Far, "60", .. options]);
        var line = sender.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"the sender exited: {sender.StandardError.ReadToEnd()}");
        line.ShouldStartWith("ready");
        Thread.Sleep(300);
        return line["ready ".Length..];
    }

    /// <summary>
    /// What fired, less the causes this namespace cannot own: the kernel log, memory and the process table (every pid
    /// on the host, other test runs' programs at their fd limit included) are the host's.
    /// </summary>
    private static IReadOnlyList<string> FiredNetworkCauses(NetworkNamespace.Report report) => [.. report.Fired.Except(["memory-pressure", "tcp-memory", "file-descriptors", "neighbour-table"])];

    private static int Fixes(NetworkNamespace.Report report, string id) => report.Result(id).GetProperty("fixes").GetArrayLength();

    /// <summary>socket-buffers saw the output-path drops and left them to the finding that explains them.</summary>
    private static void SocketBuffersLeavesItTo(NetworkNamespace.Report report, string id)
    {
        report.Status("socket-buffers").ShouldNotBe("fired", report.Reason("socket-buffers"));
        report.Reason("socket-buffers").ShouldMatch($@"UDP sends were dropped on the output path \d+ times? during sampling, which ([a-z-]+, )*{id}(, [a-z-]+)* explains? \(see there\): not a send buffer");
    }

    [SkippableFact]
    public void An_xfrm_policy_with_more_templates_than_the_kernel_resolves_fires_xfrm_policy_naming_the_policy()
    {
        RequireRoot();
        using var ns = new NetworkNamespace("nbr-h6b");
        Pair(ns);
        var template = new[] { "tmpl", "src", Near, "dst", Far, "proto", "esp", "mode", "tunnel" };
        ns.In([.. "ip xfrm policy add src 10.213.6.1/32 dst 10.213.6.2/32 proto udp dport 4500 dir out".Split(' '), .. Enumerable.Repeat(template, 6).SelectMany(t => t)]);
        Send(ns, "--port", "4500", "--recverr").ShouldStartWith("errno=105");
        var report = ns.Diagnose();
        FiredNetworkCauses(report).ShouldBe(["xfrm-policy"], report.ToString());
        var reason = report.Reason("xfrm-policy");
        reason.ShouldMatch(@"XfrmOutPolError \+\d+");
        reason.ShouldContain("1 outbound policy has 6 templates or more");
        reason.ShouldContain("src 10.213.6.1/32 dst 10.213.6.2/32 proto udp dport 4500 dir out priority 0 ptype main");
        reason.ShouldContain("change the policy: fewer templates");
        Fixes(report, "xfrm-policy").ShouldBe(0, "a policy is not a sysctl problem on this kernel");
        SocketBuffersLeavesItTo(report, "xfrm-policy");
    }

    [SkippableFact]
    public void A_tc_egress_filter_that_drops_fires_tc_egress_drops_naming_the_interface_and_the_filter()
    {
        RequireRoot();
        using var ns = new NetworkNamespace("nbr-h6b");
        var far = Pair(ns);
        var mac = MacAddress().Match(NetworkNamespace.Run("ip", "-n", far, "link", "show", "vb")).Groups[1].Value;
        ns.In(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "tc_egress_drop.py"), "va", "--neigh", Far, mac).ShouldStartWith("ready");
        Send(ns, "--recverr").ShouldStartWith("errno=105");
        var report = ns.Diagnose();
        report.Status("tc-egress-drops").ShouldBe("fired", report.Reason("tc-egress-drops"));
        var reason = report.Reason("tc-egress-drops");
        reason.ShouldMatch(@"the clsact qdisc [0-9a-f]+: on va dropped \d+ \([\d.]+/s\) while its root qdisc \(noqueue 0:\) dropped 0");
        // Probes run as uid 65534 without CAP_SYS_ADMIN, so tc cannot read the BPF program's name: the pref, id and tag name it.
        reason.ShouldMatch(@"its egress filters: bpf pref (\d+)( \(program nbr_h6b_drop\))? \[.*\], removed by tc filter del dev va egress pref \1");
        reason.ShouldContain("change the filter or the network policy that installed it");
        Fixes(report, "tc-egress-drops").ShouldBe(0);
        SocketBuffersLeavesItTo(report, "tc-egress-drops");
    }

    [SkippableFact]
    public void A_datagram_larger_than_its_sockets_own_send_buffer_fires_udp_datagram_too_large_naming_the_process()
    {
        RequireRoot();
        using var ns = new NetworkNamespace("nbr-h6b");
        Pair(ns);
        Send(ns, "--size", "30000", "--sndbuf", "4096", "--recverr").ShouldStartWith("errno=105");
        var report = ns.Diagnose();
        // A sample of ss can catch the socket mid-send, its buffer charged past its size by the datagram being built
        // (seen once in CI: 11520 of 8192 bytes queued); the playbook then rightly says it cannot tell a full buffer from
        // a datagram too large. That is the sample's race, not the fault's answer: sample again (the sender sends for 60 s).
        for (var attempt = 1; attempt < 3 && report.Reason("udp-datagram-too-large").Contains("full when sampled", StringComparison.Ordinal); attempt++)
            report = ns.Diagnose();
        FiredNetworkCauses(report).ShouldBe(["udp-datagram-too-large"], report.ToString());
        var reason = report.Reason("udp-datagram-too-large");
        reason.ShouldMatch(@"0\.0\.0\.0:\d+ \(8192-byte send buffer, python3 pid \d+\)");
        reason.ShouldContain("The fix is in the application: ask for a larger SO_SNDBUF");
        Fixes(report, "udp-datagram-too-large").ShouldBe(0);
        SocketBuffersLeavesItTo(report, "udp-datagram-too-large");
    }

    [SkippableFact]
    public void A_full_tbf_qdisc_is_nic_drops_and_socket_buffers_does_not_claim_the_send_buffer()
    {
        RequireRoot();
        using var ns = new NetworkNamespace("nbr-h6b");
        Pair(ns);
        ns.In("tc", "qdisc", "add", "dev", "va", "root", "tbf", "rate", "1mbit", "burst", "1600", "limit", "3000");
        Send(ns, "--recverr").ShouldStartWith("errno=105");
        var report = ns.Diagnose();
        report.Status("nic-drops").ShouldBe("fired", report.Reason("nic-drops"));
        report.Status("tc-egress-drops").ShouldBe("ok", "a root qdisc that drops is a queue, not a filter");
        SocketBuffersLeavesItTo(report, "nic-drops");
    }

    [SkippableFact]
    public void Send_failures_that_no_playbook_names_are_reported_as_not_explained_with_no_sysctl_fix()
    {
        RequireRoot();
        using var ns = new NetworkNamespace("nbr-h6b");
        Pair(ns);
        // A shaped link whose queue never overflows keeps a non-blocking sender's buffer full: its sends fail with
        // EAGAIN and count as UdpSndbufErrors and IpOutDiscards, yet no qdisc, filter, policy or neighbour drops.
        ns.In("tc", "qdisc", "add", "dev", "va", "root", "tbf", "rate", "1mbit", "burst", "1600", "limit", "10000000");
        Send(ns, "--nonblock").ShouldStartWith("errno=11");
        // A neighbour overflow line left in the host's kernel log by another test would count as an explanation:
        // this test asserts only its own fault, so neighbour-table looks at no past log lines here.
        var report = ns.Diagnose(extra: ["--set", "neighbour-table.recent_seconds=0"]);
        FiredNetworkCauses(report).ShouldBe(["socket-buffers"], report.ToString());
        var reason = report.Reason("socket-buffers");
        reason.ShouldMatch(@"UDP sends were dropped on the output path \d+ times? during sampling \(UdpSndbufErrors \+\d+, Udp6SndbufErrors \+0, IpOutDiscards \+\d+\) and no finding explains it; ruled out: ");
        // Each explainer is named as ruled out (some only partly: inside a namespace the host's tables are not visible).
        var ruledOut = reason[reason.IndexOf("ruled out: ", StringComparison.Ordinal)..reason.IndexOf("could not check: ", StringComparison.Ordinal)];
        foreach (var id in new[] { "nic-drops", "tc-egress-drops", "xfrm-policy", "udp-datagram-too-large" }) ruledOut.ShouldContain(id);
        reason.ShouldContain("so no buffer sysctl is advised");
        reason.ShouldContain("A UDP sender without IP_RECVERR was not told");
        Fixes(report, "socket-buffers").ShouldBe(0);
    }

    [GeneratedRegex(@"link/ether ([0-9a-f:]{17})")]
    private static partial Regex MacAddress();
}
