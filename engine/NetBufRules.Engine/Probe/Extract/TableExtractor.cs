using NetBufRules.Model;

namespace NetBufRules.Probe.Extract;

/// <summary>Whitespace columns, one row per line; the last column takes the rest of the line; short rows keep the columns they have.</summary>
internal static class TableExtractor
{
    public static TableValue Extract(ExtractSpec spec, string output)
    {
        var columns = spec.Columns ?? [];
        var rows = new List<IReadOnlyDictionary<string, object>>();
        foreach (var line in output.Split('\n').Skip(spec.Skip))
        {
            if (line.Trim().Length == 0) continue;
            var parts = line.Split((char[]?)null, columns.Count, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var row = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < Math.Min(parts.Length, columns.Count); i++) row[columns[i]] = Cell.Parse(parts[i], spec.Hex);
            rows.Add(row);
        }
        return new TableValue(columns, rows);
    }
}
