using System.Globalization;
using System.Text;
using NetBufRules.Model;
using NetBufRules.Primitives;

namespace NetBufRules.Watch;

/// <summary>What <c>watch</c> prints: one line per transition, and the summary at the end.</summary>
internal static class WatchText
{
    /// <summary>"18:02:11 tcp-backlog fired: ..." or "18:02:41 tcp-backlog cleared after 30 s (peak 1,240 listen overflows/s)".</summary>
    /// <remarks>
    /// One line, every control character escaped: the reason carries host text (a process, interface or cgroup name any
    /// user sets), and under the shipped unit this line is a journal entry, so a newline in it would forge another.
    /// </remarks>
    public static string Line(WatchTransition t)
    {
        var time = Clock(t.Time);
        if (t.Kind == TransitionKind.Fired)
            return HostText.Escape($"{time} {t.PlaybookId} fired: {t.Reason}" + (t.Snapshot is null ? "" : $" [snapshot {t.Snapshot}]"));
        return HostText.Escape($"{time} {t.PlaybookId} cleared after {DurationText.Say(t.Lasted ?? TimeSpan.Zero)}" + (t.Peak is null ? "" : $" (peak {t.Peak})"));
    }

    /// <summary>Each cause that fired: first fired, total time fired, peak, windows it was seen in.</summary>
    public static string Summary(IReadOnlyList<CauseSummary> causes, long windows)
    {
        var o = new StringBuilder();
        var fired = causes.Where(c => c.Fires > 0).ToList();
        o.Append(CultureInfo.InvariantCulture, $"summary: {windows} windows, ");
        o.Append(fired.Count == 0 ? "no cause fired\n" : $"{fired.Count} cause(s) fired\n");
        foreach (var c in fired)
        {
            o.Append(CultureInfo.InvariantCulture, $"  {HostText.Escape(c.PlaybookId)}: first fired {Clock(c.FirstFired!.Value)}, ");
            o.Append(c.Fires == 1 ? "once" : $"{c.Fires} times").Append(CultureInfo.InvariantCulture, $", fired {DurationText.Say(c.TimeFired)} in total");
            if (c.FiringNow) o.Append(" (still fired)");
            if (c.Peak is not null) o.Append(", peak ").Append(HostText.Escape(c.Peak));
            o.Append(CultureInfo.InvariantCulture, $", seen in {c.WindowsSeen} of {c.Windows} windows\n");
        }
        return o.ToString();
    }

    private static string Clock(DateTimeOffset time) => time.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
