namespace NetBufRules.Load;

/// <summary>"Did you mean ...?" for near misses, by edit distance.</summary>
internal static class Suggest
{
    /// <summary>The closest candidate within a small distance, or null.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    /// <summary>A hint sentence naming the closest candidate, or listing the allowed ones.</summary>
    public static string Hint(string word, IReadOnlyCollection<string> candidates) =>
        Closest(word, candidates) is { } near ? $"did you mean '{near}'?" : $"expected one of: {string.Join(", ", candidates)}";

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
