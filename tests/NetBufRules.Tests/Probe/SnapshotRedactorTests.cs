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
