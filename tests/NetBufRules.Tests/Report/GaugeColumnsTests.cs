using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Report;

/// <summary>
/// A counter table's levels (a socket's buffer, a queue's length, a table's size; the pack's <c>gauges:</c>) are shown
/// as read, never with a rate: a socket opened during sampling counts its drops from 0, and used to show its 8 KiB
/// buffer as "rcvbuf=8192 (2732.664/s)".
/// </summary>
public sealed class GaugeColumnsTests
{
    [Theory]
    [InlineData("red-team/netns-udp-rcvbuf-socket-opened-mid-window.json", "rcvbuf=8192 sndbuf=212992 drops=14197 (4735.795/s)")]
    [InlineData("netns-udp-rcvbuf.json", "rcvbuf=8192 sndbuf=212992 drops=13997 (9073.611/s)")]
    public async Task A_recorded_socket_shows_its_buffers_as_read_and_its_drops_with_their_rate(string snapshot, string cells)
    {
        var (_, output, _) = await CliRunner.Run("run", Path.Combine(Repo.Playbooks, "socket-buffers.yaml"), "--from", Path.Combine(Repo.Snapshots, snapshot));
        output.ShouldContain(cells);
        output.ShouldNotMatch(@"(recv_q|send_q|rcvbuf|sndbuf)=\d+ \(");
    }

    [Fact]
    public async Task A_qdisc_queue_length_is_a_level_and_its_drops_a_counter()
    {
        var snapshots = Directory.GetFiles(Repo.Snapshots, "*.json", SearchOption.AllDirectories);
        var shown = 0;
        foreach (var snapshot in snapshots)
        {
            var (_, output, _) = await CliRunner.Run("run", Path.Combine(Repo.Playbooks, "nic-drops.yaml"), "--from", snapshot);
            output.ShouldNotMatch(@"qlen=\d+ \(", customMessage: snapshot);
            if (output.Contains("qlen=", StringComparison.Ordinal)) shown++;
        }
        shown.ShouldBeGreaterThan(0, "no recording shows a qdisc's qlen: the test would check nothing");
    }
}
