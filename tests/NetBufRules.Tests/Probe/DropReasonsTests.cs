using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Probe.DropReasons;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe;

/// <summary>The drop_reasons source: reading kfree_skb lines, the table, the window, recording and replay.</summary>
public sealed class DropReasonsTests
{
    // This kernel (6.18): "skbaddr=%p rx_sk=%p protocol=%u location=%pS reason: %s".
    private const string Line618 =
        "         python3-9271    [001] ..s1.   380.817350: kfree_skb: skbaddr=00000000d5b22358 rx_sk=0000000000000000 protocol=2048 location=__udp4_lib_rcv+0x4bc/0xd00 reason: NO_SOCKET";

    // 5.17: "skbaddr=%p protocol=%u location=%p reason: %s", a hashed pointer where 6.x prints a symbol.
    private const string Line517 =
        "          <idle>-0       [000] ..s2.  1021.004512: kfree_skb: skbaddr=000000003f1a2b4c protocol=34525 location=00000000a1b2c3d4 reason: SOCKET_RCVBUFF";

    // The fewest fields a line can have and still name a reason.
    private const string Bare = "  iperf-77 [003] b..1. 12.000001: kfree_skb: skbaddr=0000000011112222 reason: QDISC_DROP";

    private const string Marker = "  bash-1 [000] ..... 12.5: tracing_mark_write: hello";

    private static (string Reason, string Location) Parse(string line)
    {
        DropReasonLine.TryParse(line, out var reason, out var location).ShouldBeTrue(line);
        return (reason.ToString(), location.ToString());
    }

    [Fact]
    public void A_618_line_gives_the_reason_name_and_the_dropping_function_without_its_offset() =>
        Parse(Line618).ShouldBe(("NO_SOCKET", "__udp4_lib_rcv"));

    [Fact]
    public void A_517_line_with_a_hashed_pointer_names_no_function() =>
        Parse(Line517).ShouldBe(("SOCKET_RCVBUFF", "-"));

    [Fact]
    public void A_line_without_location_or_protocol_still_gives_its_reason() =>
        Parse(Bare).ShouldBe(("QDISC_DROP", "-"));

    [Theory]
    [InlineData(Marker)]
    [InlineData("          <idle>-0       [000] ..s2.  99.1: kfree_skb: skbaddr=000000003f1a2b4c protocol=2048 location=0xffffffff8a1b2c3d")]
    [InlineData("")]
    public void A_line_without_a_reason_is_not_counted(string line) =>
        DropReasonLine.TryParse(line, out _, out _).ShouldBeFalse();

    [Fact]
    public void A_reason_number_the_kernel_could_not_name_is_kept_as_printed() =>
        Parse("x-1 [000] ..s1. 1.0: kfree_skb: skbaddr=0 protocol=2048 location=ip_rcv+0x1/0x2 reason: 0x10003").ShouldBe(("0x10003", "ip_rcv"));

    [Fact]
    public void The_table_has_one_row_per_reason_busiest_first_with_rates_over_the_window_and_top_functions()
    {
        var tally = new DropReasonTally();
        for (var i = 0; i < 3; i++) tally.Add(Line618);
        tally.Add(Line517);
        tally.Add(Line517.Replace("location=00000000a1b2c3d4", "location=udp_queue_rcv_one_skb+0x1a3/0x4b0", StringComparison.Ordinal));
        tally.Add(Marker).ShouldBeFalse();
        tally.Events.ShouldBe(5);
        tally.Format(2).ShouldBe("reason\tcount\trate\tlocation\nNO_SOCKET\t3\t1.5\t__udp4_lib_rcv\nSOCKET_RCVBUFF\t2\t1.0\tudp_queue_rcv_one_skb\n");
    }

    [Fact]
    public void The_tally_stops_counting_at_its_cap()
    {
        var tally = new DropReasonTally(maxEvents: 3);
        for (var i = 0; i < 10; i++) tally.Add(Line618);
        tally.Events.ShouldBe(3);
        tally.Full.ShouldBeTrue();
        tally.Format(1).ShouldContain("NO_SOCKET\t3\t");
    }

    [Fact]
    public void A_drop_reasons_probe_reads_the_built_in_table_and_filters_rows_with_where()
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal("""
              rcvbuf:
                drop_reasons: true
                where: reason == 'SOCKET_RCVBUFF'
            """, "  - sum(rcvbuf.count) > 0"));
        var source = playbook.Probes[0].Alternatives.ShouldHaveSingleItem();
        source.Source.ShouldBeOfType<DropReasonsSource>().SpansWindow.ShouldBeTrue();
        source.Extract.Columns.ShouldBe(["reason", "count", "rate", "location"]);
    }

    private static Playbook WindowPlaybook() => Playbooks.Parse(Playbooks.Minimal("""
          drops:
            drop_reasons: true
          errors:
            counter: true
            file: /proc/net/snmp
            extract: { snmp: Udp.RcvbufErrors }
        """, "  - count(drops) > 0"));

    [Fact]
    public async Task The_window_starts_with_the_counters_first_sample_and_ends_with_their_second_adding_no_wait_of_its_own()
    {
        var reader = new TimedReader();
        using var runner = new ProbeRunner(reader, new ProbeRunOptions(TimeSpan.FromMilliseconds(400)));
        var run = await runner.RunAsync([WindowPlaybook()]);
        var drops = run.For("sample")["drops"];
        drops.Status.ShouldBe(ProbeStatus.Ok);
        drops.Value.ShouldBeOfType<TableValue>().Rows.ShouldHaveSingleItem()["reason"].ShouldBe("SOCKET_RCVBUFF");
        drops.Note.ShouldBe("skb:kfree_skb is host-wide: 7 drops");
        var (startDrops, endDrops) = (reader.Times[("drop_reasons", 0)], reader.Times[("drop_reasons", 1)]);
        var (startCounter, endCounter) = (reader.Times[("file:/proc/net/snmp", 0)], reader.Times[("file:/proc/net/snmp", 1)]);
        (startDrops - startCounter).Duration().ShouldBeLessThan(TimeSpan.FromMilliseconds(150));
        (endDrops - endCounter).Duration().ShouldBeLessThan(TimeSpan.FromMilliseconds(150));
        (endDrops - startDrops).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(390));
        run.Window.ShouldBeLessThan(TimeSpan.FromMilliseconds(1400), "one shared window, not one per source");
    }

    [Fact]
    public async Task A_window_source_that_cannot_start_is_skipped_with_its_reason_and_the_other_probes_still_run()
    {
        var reader = new FakeSourceReader().With("/proc/net/snmp", "Udp: RcvbufErrors\nUdp: 1\n", "Udp: RcvbufErrors\nUdp: 4\n");
        using var runner = new ProbeRunner(reader, new ProbeRunOptions(TimeSpan.Zero));
        var run = await runner.RunAsync([WindowPlaybook()]);
        run.For("sample")["drops"].Status.ShouldBe(ProbeStatus.Skipped);
        run.For("sample")["drops"].SkipReason.ShouldBe("tracefs skb:kfree_skb (drop reasons) not found");
        run.For("sample")["errors"].Value.ShouldBeOfType<ScalarValue>().Delta.ShouldBe(3);
    }

    [Fact]
    public async Task A_recorded_window_replays_to_the_same_table()
    {
        var recorder = new RecordingSourceReader(new TimedReader());
        using (var runner = new ProbeRunner(recorder, new ProbeRunOptions(TimeSpan.Zero))) await runner.RunAsync([WindowPlaybook()]);
        var snapshot = new Snapshot(CliRunner.FixedHost, 0, recorder.Sources());
        var text = SnapshotJson.Write(snapshot);
        text.ShouldContain("\"key\": \"drop_reasons\"");
        using var replay = new ProbeRunner(new SnapshotSourceReader(SnapshotJson.Read("s.json", text)), new ProbeRunOptions(TimeSpan.Zero));
        var drops = (await replay.RunAsync([WindowPlaybook()])).For("sample")["drops"];
        drops.Value.ShouldBeOfType<TableValue>().Rows.ShouldHaveSingleItem()["count"].ShouldBe(7.0);
        drops.Note.ShouldBe("skb:kfree_skb is host-wide: 7 drops");
    }

    [SkippableFact]
    public async Task Not_root_the_live_source_fails_with_the_reason_and_starts_nothing()
    {
        Skip.If(Environment.IsPrivilegedProcess, "runs as an ordinary user only; as root the EndToEnd tests run it as nobody");
        var raw = await new DropReasonProbe().ReadAsync(0, CancellationToken.None);
        raw.Failure.ShouldBe(ReadFailure.PermissionDenied);
        raw.FailureMessage.ShouldBe("the kernel's drop reasons need root (tracefs is root-only)");
    }

    [SkippableFact]
    public async Task Without_tracefs_the_live_source_fails_with_the_reason()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "the root check comes first");
        var raw = await new DropReasonProbe(tracefsRoot: "/nonexistent/tracing").ReadAsync(0, CancellationToken.None);
        raw.Failure.ShouldBe(ReadFailure.NotFound);
        raw.FailureMessage.ShouldBe("no tracefs at /nonexistent/tracing");
        (await new DropReasonProbe().ReadAsync(1, CancellationToken.None)).FailureMessage.ShouldBe("the drop-reason window was never started");
    }

    [Fact]
    public async Task The_example_playbook_passes_its_own_tests_including_a_replayed_snapshot()
    {
        var (code, output, error) = await CliRunner.Run("test", Path.Combine(Repo.Root, "examples", "playbooks"));
        output.Split('\n').Count(l => l.StartsWith("PASS drop-reasons:", StringComparison.Ordinal)).ShouldBe(6, output + error);
        output.Split('\n').ShouldNotContain(l => l.StartsWith("FAIL", StringComparison.Ordinal));
        code.ShouldBe(0);
    }

    /// <summary>Answers every source at once, noting when each sample was read; drop_reasons gives a start line, then a table.</summary>
    private sealed class TimedReader : ISourceReader
    {
        public System.Collections.Concurrent.ConcurrentDictionary<(string, int), DateTimeOffset> Times { get; } = new();

        public Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken)
        {
            var now = DateTimeOffset.UtcNow;
            Times[(source.Key, sample)] = now;
            return Task.FromResult(source switch
            {
                DropReasonsSource when sample == 0 => new RawOutput(now, "tracing\n"),
                DropReasonsSource => new RawOutput(now, "reason\tcount\trate\tlocation\nSOCKET_RCVBUFF\t7\t17.5\tudp_queue_rcv_one_skb\n", "skb:kfree_skb is host-wide: 7 drops"),
                _ => new RawOutput(now, $"Udp: RcvbufErrors\nUdp: {sample}\n"),
            });
        }
    }
}
