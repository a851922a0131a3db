using NetBufRules.Evaluate;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Pack;

/// <summary>
/// The output-path faults as recorded while they were induced (tests/faults/record-output-path-snapshots.sh): each
/// names its own cause, and socket-buffers claims the send buffer for none of them.
/// </summary>
public sealed class OutputPathReplayTests
{
    private static readonly string[] Ids = ["socket-buffers", "tc-egress-drops", "udp-datagram-too-large", "xfrm-policy"];

    [Theory]
    [InlineData("netns-xfrm-policy", "socket-buffers=advice tc-egress-drops=ok udp-datagram-too-large=ok xfrm-policy=fired")]
    [InlineData("netns-tc-egress", "socket-buffers=advice tc-egress-drops=fired udp-datagram-too-large=ok xfrm-policy=ok")]
    // Recorded without the kernel's drop reasons: a datagram too large cannot be told from a full buffer in bursts, so
    // udp-datagram-too-large says so (advice) and the drops stay unexplained; recorded as root, it fires on them.
    [InlineData("netns-udp-too-large", "socket-buffers=fired tc-egress-drops=ok udp-datagram-too-large=advice xfrm-policy=ok")]
    [InlineData("red-team/netns-udp6-too-large", "socket-buffers=advice tc-egress-drops=ok udp-datagram-too-large=fired xfrm-policy=advice")]
    [InlineData("netns-output-unexplained", "socket-buffers=fired tc-egress-drops=ok udp-datagram-too-large=ok xfrm-policy=ok")]
    [InlineData("netns-qdisc", "socket-buffers=advice tc-egress-drops=ok udp-datagram-too-large=skipped xfrm-policy=skipped")]
    public async Task Each_recorded_output_path_fault_fires_its_own_cause_and_socket_buffers_does_not_claim_it(string snapshot, string expected)
    {
        var results = await Replay.Run(Replay.Load(snapshot));
        Replay.Statuses(results.Where(r => Ids.Contains(r.Key)).ToDictionary()).ShouldBe(expected);
    }

    [Theory]
    [InlineData("netns-xfrm-policy", "xfrm-policy")]
    [InlineData("netns-tc-egress", "tc-egress-drops")]
    [InlineData("red-team/netns-udp6-too-large", "udp-datagram-too-large")]
    [InlineData("netns-qdisc", "nic-drops")]
    public async Task Socket_buffers_says_which_finding_explains_the_output_path_drops_and_renders_no_fix_for_them(string snapshot, string id)
    {
        var finding = (await Replay.Run(Replay.Load(snapshot)))["socket-buffers"];
        finding.Reason.ShouldMatch($@"UDP sends were dropped on the output path \d+ times during sampling, which ([a-z-]+, )*{id}(, [a-z-]+)* explains? \(see there\)");
        finding.Reason.ShouldNotContain("no finding explains it");
        finding.Fixes.ShouldAllBe(f => !f.Content.Contains("net.core.rmem_default =", StringComparison.Ordinal), "the fired-only lines never render for explained send drops");
    }

    [Fact]
    public async Task Unexplained_output_path_drops_say_what_was_ruled_out_and_what_could_not_be_checked_with_no_fix()
    {
        var finding = (await Replay.Run(Replay.Load("netns-output-unexplained")))["socket-buffers"];
        finding.Status.ShouldBe(FindingStatus.Fired);
        finding.Reason.ShouldMatch(@"^UDP sends were dropped on the output path \d+ times during sampling \(UdpSndbufErrors \+\d+, Udp6SndbufErrors \+0, IpOutDiscards \+\d+\) and no finding explains it; ruled out: neighbour-table \(partly; ");
        finding.Reason.ShouldContain("), nic-drops (partly; not checked: netdev_max_backlog: ");
        finding.Reason.ShouldContain("), tc-egress-drops, xfrm-policy, udp-datagram-too-large (partly; not checked: flush_reasons: ");
        finding.Reason.ShouldContain("); could not check: nothing.");
        finding.Reason.ShouldContain("A UDP sender without IP_RECVERR was not told: its sendto() succeeded");
        finding.Fixes.ShouldBeEmpty();
        finding.Finding.Evidence["explained_by"].ShouldNotBeNull().ToString()!.ShouldStartWith("ruled out: neighbour-table (partly; not checked: arp_cache: ");
    }

    [Fact]
    public async Task Without_tc_the_egress_filter_cannot_be_seen_so_the_drops_stay_unexplained_and_say_so()
    {
        var results = await Replay.Run(Replay.Load("netns-tc-egress").Without(s => s.Key.StartsWith("cmd:tc", StringComparison.Ordinal)));
        results["tc-egress-drops"].Status.ShouldBe(FindingStatus.Skipped);
        var finding = results["socket-buffers"];
        finding.Status.ShouldBe(FindingStatus.Fired);
        finding.Reason.ShouldContain("no finding explains it");
        finding.Reason.ShouldContain("nic-drops (partly; not checked: ");
        finding.Reason.ShouldContain("qdisc: tc -s -j qdisc show is not in the snapshot");
        finding.Reason.ShouldContain("tc-egress-drops (skipped: clsact: tc -s qdisc show is not in the snapshot");
        finding.Fixes.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_xfrm_finding_names_the_policy_and_its_lever()
    {
        var reason = (await Replay.Run(Replay.Load("netns-xfrm-policy")))["xfrm-policy"].Reason;
        reason.ShouldContain("src 10.213.6.1/32 dst 10.213.6.2/32 proto udp dport 4500 dir out priority 0 ptype main");
        reason.ShouldContain("change the policy: fewer templates");
    }
}
