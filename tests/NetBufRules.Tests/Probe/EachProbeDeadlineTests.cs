using System.Collections.Concurrent;
using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe;

/// <summary>
/// A probe with 'each' reads all its rows and fallbacks within one budget (twice its timeout), side by side: a shared
/// playbook cannot hold a run for rows x sources x timeout.
/// </summary>
public sealed class EachProbeDeadlineTests
{
    private const string Probes = """
          devices:
            command: [tc, -s, qdisc, show]
            extract: { regex: '^qdisc clsact \S+ dev (?<dev>\S+)', all: true }
          filters:
            each: devices
            timeout: 5s
            command: [tc, -s, filter, show, dev, '{dev}', egress]
            fallback:
              - command: [ip, -s, link, show, dev, '{dev}']
                extract: { regex: '^\d+: (?<link>\S+):' }
            extract: { regex: '^filter protocol \S+ pref (?<pref>\d+)', all: true }
        """;

    private static readonly string[] Devices = ["d0", "d1", "d2", "d3", "d4", "d5"];

    /// <summary>A clock that moves only when a read says it took time.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    /// <summary>Answers like <see cref="FakeSourceReader"/>; every per-device read takes <paramref name="step"/> of the clock.</summary>
    private sealed class SlowReader(FakeSourceReader inner, ManualClock clock, TimeSpan step) : ISourceReader
    {
        public ConcurrentDictionary<string, TimeSpan> Given { get; } = new(StringComparer.Ordinal);

        public async Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken)
        {
            var raw = await inner.ReadAsync(source, timeout, sample, cancellationToken);
            if (source.Describe().Contains(" dev ", StringComparison.Ordinal))
            {
                Given[source.Describe()] = timeout;
                clock.Advance(step < timeout ? step : timeout);
                if (step >= timeout) return RawOutput.Failed(raw.Time, ReadFailure.Timeout, $"{source.Describe()} timed out after {timeout.TotalSeconds:0.###}s and was killed");
            }
            return raw;
        }
    }

    private static FakeSourceReader Host()
    {
        var reader = new FakeSourceReader().With("tc -s qdisc show", string.Concat(Devices.Select(d => $"qdisc clsact ffff: dev {d} parent ffff:fff1\n")));
        foreach (var d in Devices) reader.With($"tc -s filter show dev {d} egress", "filter protocol all pref 10 bpf\n");
        return reader;
    }

    private static async Task<ProbeResult> Run(ISourceReader reader, TimeProvider clock, Func<ProbeSpec, ProbeSpec>? change = null)
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal(Probes, "  - count(filters) > 0"));
        if (change is not null) playbook = playbook with { Probes = [.. playbook.Probes.Select(p => p.Each is null ? p : change(p))] };
        using var runner = new ProbeRunner(reader, new ProbeRunOptions(TimeSpan.Zero) { Clock = clock });
        return (await runner.RunAsync([playbook])).For("sample")["filters"];
    }

    [Fact]
    public async Task Rows_not_read_within_twice_the_timeout_are_named_and_never_started()
    {
        // Each device takes 4 s: d0 and d1 use 8 of the 10 s, d2 gets the 2 s left, and d3 to d5 are not read at all.
        var clock = new ManualClock();
        var reader = new SlowReader(Host(), clock, TimeSpan.FromSeconds(4));
        var result = await Run(reader, clock);
        result.Status.ShouldBe(ProbeStatus.Ok);
        ((TableValue)result.Value!).Rows.Select(r => (string)r["dev"]).ShouldBe(["d0", "d1"]);
        result.Note.ShouldNotBeNull().ShouldContain("4 of 6 rows of devices not read within 10s (2 x the probe's timeout, for all its rows): (d2), (d3), (d4), (d5)");
        result.Unread.ShouldNotBeNull("a condition finding no culprit in d0 and d1 has not checked d2 to d5").ShouldStartWith("4 of 6 rows of devices not read within 10s");
        reader.Given["tc -s filter show dev d2 egress"].ShouldBe(TimeSpan.FromSeconds(2), "a read gets what is left of the time, not a whole timeout");
        reader.Given.Keys.ShouldNotContain(k => k.Contains("d3", StringComparison.Ordinal) || k.Contains("d5", StringComparison.Ordinal));
        reader.Given.Keys.ShouldNotContain(k => k.StartsWith("ip ", StringComparison.Ordinal), "no fallback starts once the time is spent");
    }

    [Fact]
    public async Task An_each_probe_whose_time_is_spent_before_any_row_is_skipped_with_the_rows_it_did_not_read()
    {
        var clock = new ManualClock();
        var reader = new SlowReader(Host(), clock, TimeSpan.FromSeconds(1));
        var result = await Run(reader, clock, p => p with { Timeout = TimeSpan.Zero });
        result.Status.ShouldBe(ProbeStatus.Skipped);
        result.SkipReason.ShouldNotBeNull().ShouldContain("6 of 6 rows of devices not read within 0s");
        reader.Given.ShouldBeEmpty();
    }

    [Fact]
    public async Task Rows_whose_every_source_times_out_spend_the_budget_once_not_rows_times_sources_times_timeout()
    {
        // Every read hangs for its whole timeout: before, 6 rows x 2 sources x 5 s = 60 s of the clock; now at most 10 s.
        var clock = new ManualClock();
        var reader = new SlowReader(Host(), clock, TimeSpan.FromSeconds(60));
        var result = await Run(reader, clock);
        result.Status.ShouldBe(ProbeStatus.Skipped);
        clock.GetElapsedTime(0).ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(10));
        result.SkipReason.ShouldNotBeNull().ShouldContain("not read within 10s");
    }

    /// <summary>Completes no read until <paramref name="together"/> are waiting at once.</summary>
    private sealed class GatheringReader(FakeSourceReader inner, int together) : ISourceReader
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _waiting;

        public async Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken)
        {
            if (source.Describe().Contains(" dev ", StringComparison.Ordinal))
            {
                if (Interlocked.Increment(ref _waiting) == together) _all.SetResult();
                await _all.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            return await inner.ReadAsync(source, timeout, sample, cancellationToken);
        }
    }

    [Fact]
    public async Task Rows_are_read_side_by_side_within_the_runners_parallelism()
    {
        // Read one after another, the first row would wait for five more that never start (and fail after 30 s).
        var result = await Run(new GatheringReader(Host(), Devices.Length), TimeProvider.System);
        result.Status.ShouldBe(ProbeStatus.Ok);
        ((TableValue)result.Value!).Rows.Select(r => (string)r["dev"]).ShouldBe(Devices);
    }
}
