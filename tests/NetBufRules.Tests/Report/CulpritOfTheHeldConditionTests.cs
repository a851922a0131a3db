using NetBufRules.Evaluate;
using NetBufRules.Evaluate.Evidence;
using NetBufRules.Report;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Report;

/// <summary>
/// A report's "Culprit:" names a row of what the conditions that held read, never a row that a condition which did
/// not hold read on the way (red team, round 9: the rmem_max advice named a UDP sender whose send buffer was full).
/// </summary>
public sealed class CulpritOfTheHeldConditionTests
{
    // A UDP socket whose send buffer is full when sampled (skmem t at tb): a row of socket-buffers' full_senders, read by
    // its send-error conditions, which do not hold here (no UdpSndbufErrors).
    private const string FullSender = "UNCONN 0 0 127.0.0.1:5000 10.0.0.9:9 users:((\"pacer\",pid=4242,fd=3))\n\t skmem:(r0,rb212992,t212000,tb212992,f0,w0,o0,bl0,d0)\n";

    [Fact]
    public async Task The_rmem_max_advice_names_no_culprit_from_a_sender_it_is_not_about()
    {
        var results = await Replay.Run(Replay.Load("netns-healthy").Replace("ss -Huamnp", FullSender));
        var finding = results["socket-buffers"];
        finding.Status.ShouldBe(FindingStatus.Advice);
        finding.Reason.ShouldStartWith("no symptom now, but net.core.rmem_max is 4194304");
        // The row is there, in the evidence of a condition that did not hold.
        ((TableEvidence)finding.Finding.Evidence["full_senders"]).Count.ShouldBe(1);

        var sentence = ReportDigest.Sentence(finding);
        sentence.ShouldNotContain("Culprit");
        sentence.ShouldNotContain("pacer");
    }

    [Fact]
    public async Task A_held_condition_that_reads_the_table_still_names_its_rows()
    {
        // The same socket, now dropping: the advice 'count(dropping_sockets) > 0' holds and its sentence names it.
        var dropping = FullSender.Replace(",d0)", ",d25)", StringComparison.Ordinal);
        var finding = (await Replay.Run(Replay.Load("netns-healthy").Replace("ss -Huamnp", dropping)))["socket-buffers"];
        finding.Status.ShouldBe(FindingStatus.Advice);
        CulpritTables.Of(finding.Finding).Select(t => t.Name).ShouldContain("dropping_sockets");
        CulpritTables.Of(finding.Finding).Select(t => t.Name).ShouldNotContain("full_senders");
    }

    [Fact]
    public async Task A_counter_symptom_whose_message_names_the_dropping_sockets_has_them_as_culprit()
    {
        // socket-buffers fires on RcvbufErrors (a counter); its message lists the dropping sockets, so they are its culprit.
        var finding = (await Replay.Run(Replay.Load("netns-udp-rcvbuf")))["socket-buffers"];
        finding.Status.ShouldBe(FindingStatus.Fired);
        CulpritTables.Of(finding.Finding).Select(t => t.Name).ShouldBe(["dropping_sockets"]);
        ReportDigest.Sentence(finding).ShouldContain("python3");
    }
}
