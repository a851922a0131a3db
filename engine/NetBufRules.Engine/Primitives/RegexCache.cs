using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace NetBufRules.Primitives;

/// <summary>Playbook regexes built once per pattern (multiline, culture-invariant, with a match timeout of 200 ms: a backtracking pattern fails its probe, never the run): building one is costly.</summary>
public static class RegexCache
{
    private static readonly ConcurrentDictionary<string, Lazy<Regex>> Cache = new(StringComparer.Ordinal);

    /// <summary>The regex for <paramref name="pattern"/>; an invalid pattern throws <see cref="ArgumentException"/> every time.</summary>
    public static Regex Get(string pattern) =>
        Cache.GetOrAdd(pattern, p => new Lazy<Regex>(() => new Regex(p, RegexOptions.Multiline | RegexOptions.CultureInvariant, Limits.RegexTimeout))).Value;
}
