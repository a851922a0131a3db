using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace NetBufRules.Primitives;

/// <summary>
/// The matches of a playbook regex, exactly as <see cref="Regex.Matches(string)"/> gives them, found faster in long
/// outputs (a 100 KB kernel log) when every match starts at a line start with literals on that line
/// (<see cref="RegexLiterals.FirstLine"/>): the regex is tried, anchored, only at the start of each line holding them,
/// instead of the interpreted engine (NativeAOT has no compiled regexes) trying every line of the log.
/// </summary>
internal static class RegexScan
{
    /// <summary>Shorter outputs are matched the plain way: the line search would not pay for itself.</summary>
    private const int LongText = 4096;

    private sealed record Plan(Regex Anchored, IReadOnlyList<string> Literals);

    private static readonly ConcurrentDictionary<string, Plan?> Plans = new(StringComparer.Ordinal);

    /// <summary>Every match of <paramref name="pattern"/> in <paramref name="text"/>, in order, as <c>RegexCache.Get(pattern).Matches(text)</c>.</summary>
    public static IEnumerable<Match> Matches(string pattern, string text)
    {
        var plan = text.Length >= LongText ? Plans.GetOrAdd(pattern, Build) : null;
        return Budgeted(plan is null ? RegexCache.Get(pattern).Matches(text) : LineMatches(plan, text), pattern, text);
    }

    /// <summary>
    /// <paramref name="matches"/> while they come within <see cref="Limits.RegexScanBudget"/> in all (the time between
    /// them included): each match has its own limit, and thousands of slow ones would hold the run for minutes.
    /// </summary>
    private static IEnumerable<Match> Budgeted(IEnumerable<Match> matches, string pattern, string text)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var match in matches)
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > Limits.RegexScanBudget)
                throw new RegexMatchTimeoutException(text, pattern, Limits.RegexScanBudget);
            yield return match;
        }
    }

    /// <summary>The first match of <paramref name="pattern"/> in <paramref name="text"/> (<see cref="Match.Empty"/> when none).</summary>
    public static Match First(string pattern, string text) => Matches(pattern, text).FirstOrDefault() ?? Match.Empty;

    private static Plan? Build(string pattern)
    {
        // \G means "where the last match ended": a match tried at a line start cannot know it, so such a pattern is
        // matched the plain way (conservatively, even where the text is an escaped backslash before a G).
        if (pattern.Contains(@"\G", StringComparison.Ordinal)) return null;
        var literals = RegexLiterals.FirstLine(pattern);
        if (literals.Count == 0) return null;
        try
        {
            // Wrapping keeps every group's number and name; the pattern was already built (and so is balanced).
            var anchored = PackRegexes.Anchored(pattern) ?? new Regex(@"\G(?:" + pattern + ")", RegexCache.Options, Limits.RegexTimeout);
            return anchored.GetGroupNames().SequenceEqual(RegexCache.Get(pattern).GetGroupNames()) ? new Plan(anchored, literals) : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static IEnumerable<Match> LineMatches(Plan plan, string text)
    {
        var key = plan.Literals[0]; // the longest: the fewest lines hold it
        var next = 0; // where the next match may start (the end of the last one)
        var from = 0;
        // As with Regex.Matches, the search for each match has the time limit, not each line tried: a backtracking
        // pattern that takes 150 ms a line still fails its probe, never stalls the run for a minute.
        var searching = System.Diagnostics.Stopwatch.GetTimestamp();
        while (from < text.Length)
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(searching) > Limits.RegexTimeout)
                throw new RegexMatchTimeoutException(text, plan.Anchored.ToString(), Limits.RegexTimeout);
            var at = text.IndexOf(key, from, StringComparison.Ordinal);
            if (at < 0) yield break;
            var lineStart = at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;
            var lineEnd = text.IndexOf('\n', at);
            if (lineEnd < 0) lineEnd = text.Length;
            from = lineEnd + 1;
            if (lineStart < next || !HoldsAll(plan.Literals, text.AsSpan(lineStart, lineEnd - lineStart))) continue;
            var match = plan.Anchored.Match(text, lineStart);
            if (!match.Success) continue;
            yield return match;
            searching = System.Diagnostics.Stopwatch.GetTimestamp();
            next = match.Index + match.Length;
            from = Math.Max(from, next);
        }
    }

    private static bool HoldsAll(IReadOnlyList<string> literals, ReadOnlySpan<char> line)
    {
        for (var k = 1; k < literals.Count; k++)
        {
            if (!line.Contains(literals[k], StringComparison.Ordinal)) return false;
        }
        return true;
    }
}
