using System.Text.RegularExpressions;
using NetBufRules.Model;
using NetBufRules.Primitives;

namespace NetBufRules.Probe.Extract;

/// <summary>Named groups: one group named <c>value</c> gives a scalar, several a record; <c>all</c> gives a table of matches.</summary>
internal static class RegexExtractor
{
    public static ProbeValue Extract(ExtractSpec spec, string output)
    {
        var regex = RegexCache.Get(spec.Path ?? "");
        var names = regex.GetGroupNames().Where(n => !int.TryParse(n, out _)).ToList();
        // A literal every match needs is missing (no OOM line in the kernel log): the answer without running the regex.
        var none = RegexCache.CannotMatch(spec.Path ?? "", output);
        if (spec.All)
        {
            var rows = new List<IReadOnlyDictionary<string, object>>();
            if (none) return new TableValue(names, rows);
            foreach (var match in RegexScan.Matches(spec.Path ?? "", output))
                rows.Add(names.ToDictionary(n => n, n => Cell.Parse(match.Groups[n].Value), StringComparer.Ordinal));
            return new TableValue(names, rows);
        }
        var first = none ? Match.Empty : RegexScan.First(spec.Path ?? "", output);
        if (!first.Success) throw new ExtractException($"no line matches /{spec.Path}/");
        if (names.Count == 1 && names[0] == "value") return new ScalarValue(Cell.Parse(first.Groups["value"].Value));
        if (names.Count == 0) return new ScalarValue(Cell.Parse(first.Value));
        return new RecordValue(names
            .ToDictionary(n => n, n => new ScalarValue(Cell.Parse(first.Groups[n].Value)), StringComparer.Ordinal));
    }
}
