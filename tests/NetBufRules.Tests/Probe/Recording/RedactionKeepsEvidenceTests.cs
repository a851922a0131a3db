using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe.Recording;

/// <summary>
/// <c>collect --redact</c> hides whose host this is, never what is wrong with it: multicast groups are shared by every
/// host (red team round 5, repro-7), and a process or unit named like its host is the culprit, not the host
/// (repro-15). A redacted snapshot gives the same verdicts and the same evidence.
/// </summary>
public sealed class RedactionKeepsEvidenceTests
{
    private static Snapshot With(string hostname, string stdout) => new(
        new HostInfo(hostname, "6.18", DateTimeOffset.UnixEpoch, true, "net:[1]"), 1,
        [new SnapshotSource("cmd:x", "x", [new RawOutput(DateTimeOffset.UnixEpoch, stdout)])]);

    private static string Redacted(string hostname, string stdout) =>
        SnapshotRedactor.Redact(With(hostname, stdout), domain: "").Sources[0].Samples[0].Stdout;

    [Fact]
    public async Task A_redacted_snapshot_of_a_socket_at_the_membership_limit_names_the_same_groups()
    {
        // Recorded in a namespace: one socket joined 20 groups (igmp_max_memberships) on mc0.
        var snapshot = Replay.Load("netns-multicast-groups");
        var plain = (await Replay.Run(snapshot))["multicast-limits"];
        var redacted = (await Replay.Run(SnapshotRedactor.Redact(snapshot, domain: "")))["multicast-limits"];
        plain.Reason.ShouldContain("20 groups are joined: on mc0 239.1.");
        redacted.Status.ShouldBe(plain.Status);
        redacted.Reason.ShouldBe(plain.Reason);
    }

    [Fact]
    public void Multicast_groups_and_their_MACs_stay_and_unicast_ones_are_replaced()
    {
        var text = Redacted("h", "2:\tmc0\n\tlink  01:00:5e:00:00:01\n\tlink  33:33:ff:32:23:37\n\tlink  01:80:c2:00:00:0e\n\tinet  224.0.0.1\n\tinet  239.1.1.7\n" +
                                 "link/ether 02:11:22:33:44:55 brd ff:ff:ff:ff:ff:ff\ninet 10.1.2.3/24\n");
        text.ShouldBe("2:\tmc0\n\tlink  01:00:5e:00:00:01\n\tlink  33:33:ff:32:23:37\n\tlink  01:80:c2:00:00:0e\n\tinet  224.0.0.1\n\tinet  239.1.1.7\n" +
                      "link/ether 02:00:00:00:00:00 brd ff:ff:ff:ff:ff:ff\ninet 192.0.2.1/24\n");
    }

    [Fact]
    public async Task On_a_host_named_after_its_service_a_redacted_snapshot_still_names_the_culprit_process()
    {
        // Recorded in a namespace: a listener with a backlog of 2 that never accepts, comm "python3". The host is
        // named like it, as a host named "haproxy" runs haproxy.
        var snapshot = Replay.Load("netns-backlog");
        snapshot = snapshot with { Host = snapshot.Host with { Hostname = "python3" } };
        var plain = (await Replay.Run(snapshot))["tcp-backlog"];
        var redacted = (await Replay.Run(SnapshotRedactor.Redact(snapshot, domain: "")))["tcp-backlog"];
        plain.Reason.ShouldMatch(@"\(python3 pid \d+\)");
        redacted.Reason.ShouldBe(plain.Reason);
        redacted.Reason.ShouldNotContain("redacted-host");
    }

    [Theory]
    [InlineData("LISTEN 3 2 127.0.0.1:9000 0.0.0.0:* users:((\"haproxy\",pid=7,fd=3),(\"haproxy\",pid=8,fd=3))")]
    [InlineData("haproxy.service loaded active running HAProxy")]
    [InlineData("0::/system.slice/haproxy.service")]
    [InlineData("haproxy@edge.service")]
    [InlineData("Nov 27 10:00:00 redacted-host haproxy[123]: Proxy started.")]
    [InlineData("[ 12.345678] redacted-host kernel: Out of memory: Killed process 123 (haproxy) total-vm:1kB")]
    [InlineData("oom-kill:constraint=CONSTRAINT_NONE,task_memcg=/system.slice/haproxy.service,task=haproxy,pid=123")]
    [InlineData("audit: type=1400 comm=\"haproxy\" pid=123")]
    public void A_process_or_unit_named_like_the_host_keeps_its_name(string line)
    {
        // In each line only the host-name field (if any) is the host's; it is already the stand-in.
        Redacted("haproxy", line).ShouldBe(line);
    }

    [Theory]
    [InlineData("haproxy\n", "redacted-host\n")]
    [InlineData("Linux haproxy 6.18.0 #1 SMP x86_64 GNU/Linux", "Linux redacted-host 6.18.0 #1 SMP x86_64 GNU/Linux")]
    [InlineData("Nov 27 10:00:00 haproxy kernel: eth0: link up", "Nov 27 10:00:00 redacted-host kernel: eth0: link up")]
    [InlineData("[ 12.345678] haproxy kernel: nf_conntrack: table full", "[ 12.345678] redacted-host kernel: nf_conntrack: table full")]
    [InlineData("haproxy.prod.example.com has address", "redacted-host.prod.example.com has address")]
    [InlineData("Nov 27 10:00:00 haproxy haproxy[123]: started", "Nov 27 10:00:00 redacted-host haproxy[123]: started")]
    public void Where_the_host_name_stands_as_a_host_name_it_is_still_replaced(string line, string redacted) =>
        Redacted("haproxy", line).ShouldBe(redacted);

    [Fact]
    public void The_process_table_keeps_a_comm_and_unit_named_like_the_host()
    {
        var table = new TableValue(["pid", "unit", "comm"], [new Dictionary<string, object>(StringComparer.Ordinal) { ["pid"] = 7L, ["unit"] = "haproxy.service", ["comm"] = "haproxy" }]);
        var snapshot = new Snapshot(new HostInfo("haproxy", "6.18", DateTimeOffset.UnixEpoch, true, "net:[1]"), 1,
            [new SnapshotSource("processes", "processes", [new RawOutput(DateTimeOffset.UnixEpoch, "", Table: table)])]);
        var row = SnapshotRedactor.Redact(snapshot, domain: "").Sources[0].Samples[0].Table!.Rows[0];
        row["comm"].ShouldBe("haproxy");
        row["unit"].ShouldBe("haproxy.service");
    }
}
