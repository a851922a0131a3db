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
        var skip = spec.Skip;
        // Fields are read from the line in place: only the columns asked for become cells, numbers never become text.
        foreach (var range in output.AsSpan().Split('\n'))
        {
            var line = output.AsSpan(range);
            if (skip > 0)
            {
                skip--;
                continue;
            }
            if (line.IsWhiteSpace()) continue;
            var row = new Dictionary<string, object>(columns.Count, StringComparer.Ordinal);
            var at = 0;
            for (var i = 0; i < columns.Count; i++)
            {
                while (at < line.Length && char.IsWhiteSpace(line[at])) at++;
                if (at >= line.Length) break;
                var end = at;
                if (rest && i == columns.Count - 1) end = line.Length;
                else while (end < line.Length && !char.IsWhiteSpace(line[end])) end++;
                row[columns[i]] = Cell.Parse(line[at..end], spec.Hex);
                at = end;
            }
            rows.Add(row);
        }
        return new TableValue(columns, rows);
    }
}
