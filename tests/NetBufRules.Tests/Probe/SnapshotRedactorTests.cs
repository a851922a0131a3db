using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe;

public sealed class SnapshotRedactorTests
{
    private static Snapshot With(string hostname, string stdout) => new(
        new HostInfo(hostname, "6.18", DateTimeOffset.UnixEpoch, true, "net:[1]"), 1,
        [new SnapshotSource("cmd:x", "x", [new RawOutput(DateTimeOffset.UnixEpoch, stdout)])]);

    [Fact]
    public void Host_names_and_addresses_become_consistent_stand_ins_and_loopback_stays()
    {
        var redacted = SnapshotRedactor.Redact(With("web-7", "web-7 10.1.2.3:443 10.1.2.3:80 127.0.0.1:9000 fd00::2 ::1 aa:bb:cc:dd:ee:ff nr_vmscan web-7.example\n"));
        redacted.Host.Hostname.ShouldBe("redacted-host");
        redacted.Sources[0].Samples[0].Stdout.ShouldBe(
            "redacted-host 192.0.2.1:443 192.0.2.1:80 127.0.0.1:9000 2001:db8::0 ::1 02:00:00:00:00:00 nr_vmscan redacted-host.example\n");
    }

    [Fact]
    public void Hex_addresses_in_proc_net_udp_are_rewritten_too()
    {
        // 10.0.0.5 little-endian is 0500000A; 127.0.0.1 is 0100007F.
        var text = SnapshotRedactor.Redact(With("h", "0: 0500000A:270F 0100007F:0035 07\n")).Sources[0].Samples[0].Stdout;
        text.ShouldBe("0: 010200C0:270F 0100007F:0035 07\n");
    }

    [Fact]
    public void Hex_IPv6_in_proc_net_if_inet6_and_ipv6_route_is_rewritten_consistently_with_the_text_form()
    {
        // What collect --redact left in a snapshot (red team): the global address in hex, network order.
        var text = SnapshotRedactor.Redact(With("h",
            "fd12:3456:789a::77\n" +
            "fd123456789a00000000000000000077 02 40 00 80   veth0\n" +
            "00000000000000000000000000000001 01 80 10 80       lo\n" +
            "fd123456789a00000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001   veth0\n" +
            "ff020000000000000000000000000001 multicast group\n"), domain: "").Sources[0].Samples[0].Stdout;
        text.ShouldBe(
            "2001:db8::0\n" +
            "20010db8000000000000000000000000 02 40 00 80   veth0\n" +
            "00000000000000000000000000000001 01 80 10 80       lo\n" +
            "20010db8000000000000000000000001 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001   veth0\n" +
            "ff020000000000000000000000000001 multicast group\n");
    }

    [Fact]
    public void Hex_IPv6_in_proc_net_tcp6_whose_words_are_little_endian_is_rewritten_and_loopback_stays()
    {
        // fd00::2 as /proc/net/tcp6 prints it (each 32-bit word byte-swapped), and ::1.
        var text = SnapshotRedactor.Redact(With("h", "fd00::2\n0: 000000FD000000000000000002000000:0016 00000000000000000000000001000000:0035 0A\n"), domain: "")
            .Sources[0].Samples[0].Stdout;
        text.ShouldBe("2001:db8::0\n0: B80D0120000000000000000000000000:0016 00000000000000000000000001000000:0035 0A\n");
    }

    [Fact]
    public void A_link_local_address_which_carries_the_MAC_is_redacted_in_both_forms()
    {
        var text = SnapshotRedactor.Redact(With("h", "link/ether 02:11:22:33:44:55\ninet6 fe80::11:22ff:fe33:4455/64\nfe80000000000000001122fffe334455 04 40 20 80 eth0\n"), domain: "")
            .Sources[0].Samples[0].Stdout;
        text.ShouldNotContain("22:33:44");
        text.ShouldNotContain("fe33:4455");
        text.ShouldNotContain("1122fffe334455 04");
        text.ShouldContain("inet6 fe80::1/64");
        text.ShouldContain("fe800000000000000000000000000001 04 40 20 80 eth0");
    }

    [Fact]
    public void Destinations_and_gateways_in_proc_net_route_are_rewritten_and_the_mask_stays()
    {
        const string route = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n" +
                             "eth0\t00000000\t0158A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n" +
                             "eth0\t00584D0A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
        var text = SnapshotRedactor.Redact(With("h", route), domain: "").Sources[0].Samples[0].Stdout;
        text.ShouldBe(route.Replace("0158A8C0", "010200C0").Replace("00584D0A", "020200C0"));
    }

    [Fact]
    public void The_NIS_domain_name_is_redacted_like_the_host_name()
    {
        var text = SnapshotRedactor.Redact(With("h", "secretdomain.example\nnot-secretdomain.examplex\n"), domain: "secretdomain.example\n")
            .Sources[0].Samples[0].Stdout;
        text.ShouldBe("redacted-domain\nnot-secretdomain.examplex\n");
        SnapshotRedactor.Redact(With("h", "(none)\n"), domain: "(none)\n").Sources[0].Samples[0].Stdout.ShouldBe("(none)\n");
    }

    [Fact]
    public void A_short_host_name_does_not_corrupt_words_that_contain_it()
    {
        SnapshotRedactor.Redact(With("vm", "nr_vmscan_write 0\nvm\n")).Sources[0].Samples[0].Stdout.ShouldBe("nr_vmscan_write 0\nredacted-host\n");
    }

    [Theory]
    [InlineData("netns-backlog")]
    [InlineData("netns-udp-rcvbuf")]
    [InlineData("host-oom")]
    public async Task A_redacted_snapshot_gives_the_same_verdicts(string name)
    {
        var snapshot = Replay.Load(name);
        Replay.Statuses(await Replay.Run(SnapshotRedactor.Redact(snapshot))).ShouldBe(Replay.Statuses(await Replay.Run(snapshot)));
    }
}
