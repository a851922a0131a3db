namespace NetBufRules.Tests.EndToEnd;

/// <summary>
/// The built-in pack's use of the kernel's drop reasons, for real: as root, socket-buffers names SOCKET_RCVBUFF beside
/// the receive-buffer counter of a real overflow in its own namespace; as an ordinary user the same fault gives the same
/// verdict without it. The tracepoint is host-wide and other tests drop packets at the same time, so each test asserts
/// only on its own namespace's finding (a reason this fault causes), never on other reasons or their counts.
/// </summary>
[Collection("network namespaces")]
public sealed class PackDropReasonsTests
{
    private static void RequireRoot() =>
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip") && File.Exists(NetworkNamespace.Python), "needs root, iproute2 and python3 (CI has them)");

    [SkippableFact]
    public void As_root_a_real_udp_receive_buffer_overflow_is_named_SOCKET_RCVBUFF_by_socket_buffers_and_said_to_be_host_wide()
    {
        RequireRoot();
        using var ns = new NetworkNamespace("nbr-d1");
        ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "udp_overflow.py"), "9999", "60");
        Thread.Sleep(500);
        var report = ns.Diagnose();
        report.Status("socket-buffers").ShouldBe("fired", report.ToString());
        var reason = report.Reason("socket-buffers");
        reason.ShouldContain("UDP receive buffers overflowed");
        reason.ShouldMatch(@"the kernel named the drop SOCKET_RCVBUFF \(receive buffer full\) \d+ times? in [^()]*udp_queue_rcv_one_skb[^()]* \(host-wide: every namespace's sockets\)");
    }

    [SkippableFact]
    public void As_an_ordinary_user_the_same_overflow_fires_the_same_way_without_drop_reasons()
    {
        RequireRoot();
        using var ns = new NetworkNamespace("nbr-d1");
        ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "udp_overflow.py"), "9999", "60");
        Thread.Sleep(500);
        var report = ns.Diagnose(asNobody: true);
        report.Status("socket-buffers").ShouldBe("fired", report.ToString());
        var reason = report.Reason("socket-buffers");
        reason.ShouldContain("UDP receive buffers overflowed");
        reason.ShouldNotContain("SOCKET_RCVBUFF");
    }
}
