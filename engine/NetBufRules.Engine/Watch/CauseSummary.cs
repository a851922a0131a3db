namespace NetBufRules.Watch;

/// <summary>One cause over a whole watch: when it first fired, how long it was fired, its peak and how many windows showed it.</summary>
/// <param name="PlaybookId">The playbook.</param>
/// <param name="FirstFired">When it first fired, or null.</param>
/// <param name="Fires">How many times it fired.</param>
/// <param name="WindowsSeen">Windows in which its condition held.</param>
/// <param name="Windows">Windows evaluated.</param>
/// <param name="TimeFired">Total time fired.</param>
/// <param name="Peak">The highest key measurement while fired, in words.</param>
/// <param name="FiringNow">Still fired at the end.</param>
internal sealed record CauseSummary(string PlaybookId, DateTimeOffset? FirstFired, int Fires, TimeSpan TimeFired, string? Peak, int WindowsSeen, int Windows, bool FiringNow);
