namespace NetBufRules.Tests.EndToEnd;

/// <summary>
/// Interface names are host data: the kernel refuses only '/', ':' and white space in them, so a name may carry a
/// terminal escape. iproute2 writes it raw into its JSON (which JSON forbids); the tool still reads every interface
/// and names the one at fault, as one cell of data.
/// </summary>
[Collection("network namespaces")]
public sealed class HostileInterfaceNameTests
{
    private const string EscapingName = "a\u001b[31mb";

    [SkippableFact]
    public void A_link_named_with_an_escape_that_drops_what_is_sent_to_it_is_named_and_no_ip_json_probe_is_lost()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip") && File.Exists(NetworkNamespace.Python),
            "needs root, iproute2 and python3 (CI has them)");
        using var ns = new NetworkNamespace();
        var peer = $"nbrp{Environment.ProcessId % 100000}";
        // A veth whose peer stays down: the escaped end is up without carrier, and what is sent to it is dropped.
        ns.In("ip", "link", "add", EscapingName, "type", "veth", "peer", "name", peer);
        ns.In("ip", "link", "set", EscapingName, "up");
        ns.In("ip", "addr", "add", "10.9.9.1/24", "dev", EscapingName);
        ns.In("ip", "neigh", "replace", "10.9.9.2", "lladdr", "02:00:00:00:00:02", "dev", EscapingName, "nud", "permanent");
        var sender = ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "udp_send.py"), "10.9.9.2", "30");
        sender.StandardOutput.ReadLine().ShouldNotBeNull().ShouldStartWith("ready");

        var report = ns.Diagnose();

        var nic = report.Result("nic-drops");
        foreach (var probe in nic.GetProperty("probes").EnumerateArray().Where(p => p.TryGetProperty("source", out var s) && s.GetString()!.StartsWith("ip ", StringComparison.Ordinal)))
            probe.GetProperty("status").GetString().ShouldBe("ok", probe.ToString());
        report.Status("nic-drops").ShouldBe("advice", report.ToString());
        // The reason is a sentence: JSON carries it as the terminal shows it.
        report.Reason("nic-drops").ShouldContain($"{NetBufRules.Primitives.HostText.Escape(EscapingName)} (operstate LOWERLAYERDOWN, tx dropped +");
        report.ToString().ShouldNotContain("not JSON");
    }
}
