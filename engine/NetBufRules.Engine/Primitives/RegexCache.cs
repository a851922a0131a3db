using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace NetBufRules.Primitives;

/// <summary>
/// Playbook regexes built once per pattern (multiline, culture-invariant, with a match timeout of 200 ms: a backtracking
/// pattern fails its probe, never the run): building one is costly. A pack pattern comes compiled (<see cref="PackRegexes"/>).
/// </summary>
internal static class RegexCache
{
    private static readonly ConcurrentDictionary<string, Lazy<Regex>> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Literals = new(StringComparer.Ordinal);

    /// <summary>The regex for <paramref name="pattern"/>; an invalid pattern throws <see cref="ArgumentException"/> every time.</summary>
    public static Regex Get(string pattern) =>
        Cache.GetOrAdd(pattern, p => new Lazy<Regex>(() => PackRegexes.Get(p) ?? new Regex(p, Options, Limits.RegexTimeout))).Value;

    /// <summary>Every playbook regex's options: <c>^</c> and <c>$</c> at line ends, no culture.</summary>
    public const RegexOptions Options = RegexOptions.Multiline | RegexOptions.CultureInvariant;

    /// <summary>Whether <paramref name="text"/> lacks a literal every match of <paramref name="pattern"/> contains (so it cannot match).</summary>
    public static bool CannotMatch(string pattern, string text)
    {
        foreach (var literal in Literals.GetOrAdd(pattern, RegexLiterals.Required))
        {
            if (!text.Contains(literal, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
