using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Tests.Support;
using NetBufRules.Watch;

namespace NetBufRules.Tests.Watch;

public sealed class CauseTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 18, 0, 0, TimeSpan.Zero);

    private static Playbook Sample(string extra) => Playbooks.Parse(Playbooks.Minimal(
        "  drops: { counter: true, file: /proc/net/snmp }", "  - if: rate(drops) > limit",
        extra + "\nmetrics:\n  drops: { value: rate(drops), unit: per_second }"));

    /// <summary>Feeds one-second windows: F fired, . ok, ? skipped; returns each transition with the window it came in.</summary>
    private static List<(int Window, WatchTransition Transition)> Feed(CauseTracker tracker, string windows, double key = 100)
    {
        var changes = new List<(int, WatchTransition)>();
        for (var i = 0; i < windows.Length; i++)
        {
            var status = windows[i] switch { 'F' => FindingStatus.Fired, '?' => FindingStatus.Skipped, _ => FindingStatus.Ok };
            if (tracker.Observe(T0.AddSeconds(i), T0.AddSeconds(i + 1), status, "dropping", key + i) is { } t) changes.Add((i, t));
        }
        return changes;
    }

    [Fact]
    public void Without_a_hold_a_cause_fires_on_its_first_window_and_clears_after_staying_quiet()
    {
        var changes = Feed(new CauseTracker(Sample(""), TimeSpan.FromSeconds(3)), "..FFFFF.....");
        changes.Select(c => (c.Window, c.Transition.Kind)).ShouldBe([(2, TransitionKind.Fired), (9, TransitionKind.Cleared)]);
        changes[1].Transition.Lasted.ShouldBe(TimeSpan.FromSeconds(7));
        changes[1].Transition.Peak.ShouldBe("106 drops/s");
    }

    [Fact]
    public void One_noisy_window_does_not_fire_a_cause_that_must_hold_for_a_while()
    {
        Feed(new CauseTracker(Sample("for: 3s"), TimeSpan.Zero), "..F..F.FF..").ShouldBeEmpty();
    }

    [Fact]
    public void A_cause_fires_once_its_condition_held_for_its_hold()
    {
        var changes = Feed(new CauseTracker(Sample("for: 3s"), TimeSpan.FromSeconds(1)), ".FFFF.");
        changes.Select(c => (c.Window, c.Transition.Kind)).ShouldBe([(3, TransitionKind.Fired), (5, TransitionKind.Cleared)]);
    }

    [Fact]
    public void Gaps_shorter_than_clear_after_do_not_flap()
    {
        var changes = Feed(new CauseTracker(Sample("clear_after: 3s"), TimeSpan.Zero), "F.F..F.F.....");
        changes.Select(c => c.Transition.Kind).ShouldBe([TransitionKind.Fired, TransitionKind.Cleared]);
        changes[1].Window.ShouldBe(10);
    }

    [Fact]
    public void A_skipped_window_neither_fires_nor_clears()
    {
        var tracker = new CauseTracker(Sample(""), TimeSpan.Zero);
        Feed(tracker, "F??").Select(c => c.Transition.Kind).ShouldBe([TransitionKind.Fired]);
        tracker.Firing.ShouldBeTrue();
    }

    [Fact]
    public void The_summary_counts_first_fire_time_fired_peak_and_windows_seen()
    {
        var tracker = new CauseTracker(Sample(""), TimeSpan.Zero);
        Feed(tracker, ".FF..F.");
        var summary = tracker.Summary(T0.AddSeconds(7));
        summary.FirstFired.ShouldBe(T0.AddSeconds(2));
        summary.Fires.ShouldBe(2);
        summary.TimeFired.ShouldBe(TimeSpan.FromSeconds(3));
        summary.Peak.ShouldBe("105 drops/s");
        (summary.WindowsSeen, summary.Windows).ShouldBe((3, 7));
    }

    [Fact]
    public void A_bad_hold_is_an_error_at_its_place()
    {
        var bag = new DiagnosticBag();
        PlaybookParser.Parse("p.yaml", Playbooks.Minimal("  drops: { file: /proc/net/snmp }", "  - drops > 1", "for: soon\nmetrics:\n  Drops: { value: drops, unit: furlongs }"), bag);
        bag.Items.Select(d => d.ToString()).ShouldBe([
            "p.yaml:13:6: error NBR006: 'for' 'soon' is not a duration (hint: write for example 10s, 500ms or 2m (at most 24h))",
            "p.yaml:15:3: error NBR006: metric name 'Drops' must be lower-case snake_case (hint: for example listen_overflows; the unit suffix is added from 'unit')",
            "p.yaml:15:32: error NBR006: unknown unit 'furlongs' (hint: expected one of: per_second, ratio, bytes, seconds, count)",
        ], ignoreOrder: true);
    }
}
