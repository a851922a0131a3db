using NetBufRules.Evaluate;
using NetBufRules.Evaluate.Evidence;
using NetBufRules.Fleet;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Fleet;

/// <summary>
/// A fleet groups hosts by the culprit kinds of what fired: the tables the symptoms that held read, as the report's
/// Culprit line names them, never a table that only a condition which did not hold read.
/// </summary>
public sealed class FleetCulpritKindsTests
{
    // A UDP socket whose send buffer is full when sampled: a row of socket-buffers' full_senders, read by its
    // send-error conditions, which do not hold in the recording (no UdpSndbufErrors).
    private const string FullSender = "UNCONN 0 0 127.0.0.1:5000 10.0.0.9:9 users:((\"pacer\",pid=4242,fd=3))\n\t skmem:(r0,rb212992,t212000,tb212992,f0,w0,o0,bl0,d0)\n";

    [Fact]
    public async Task A_fired_receive_side_finding_is_not_grouped_by_a_full_sender_beside_it()
    {
        var recorded = Replay.Load("netns-udp-rcvbuf");
        var samples = recorded.Sources.Single(s => s.Describe == "ss -Huamnp").Samples.Select(r => r.Stdout + FullSender).ToArray();
        var finding = (await Replay.Run(recorded.Replace("ss -Huamnp", samples)))["socket-buffers"];
        finding.Status.ShouldBe(FindingStatus.Fired);
        ((TableEvidence)finding.Finding.Evidence["full_senders"]).Count.ShouldBe(1);

        var kinds = HostVerdicts.Of(finding, null).CulpritKinds;
        kinds.ShouldContain("dropping_sockets");
        kinds.ShouldNotContain("full_senders");
    }
}
