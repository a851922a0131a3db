using NetBufRules.Model;

namespace NetBufRules.Probe.Extract;

/// <summary>
/// Whitespace columns by position, one row per line; extra fields are ignored (newer kernels add columns), short rows
/// keep the columns they have (older kernels), and a last column named <c>name...</c> takes the rest of the line.
/// </summary>
internal static class TableExtractor
{
    public static TableValue Extract(ExtractSpec spec, string output)
    {
        var raw = spec.Columns ?? [];
        var rest = raw.Count > 0 && raw[^1].EndsWith("...", StringComparison.Ordinal);
        var columns = raw.Select(c => c.EndsWith("...", StringComparison.Ordinal) ? c[..^3] : c).ToList();
        var rows = new List<IReadOnlyDictionary<string, object>>();
        foreach (var line in output.Split('\n').Skip(spec.Skip))
        {
            if (line.Trim().Length == 0) continue;
            var parts = rest
                ? line.Split((char[]?)null, columns.Count, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var row = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < Math.Min(parts.Length, columns.Count); i++) row[columns[i]] = Cell.Parse(parts[i], spec.Hex);
            rows.Add(row);
        }
        return new TableValue(columns, rows);
    }
}
