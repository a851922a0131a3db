using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetBufRules.Probe.Recording;

/// <summary>
/// A typed table in a snapshot: <c>{"columns": [...], "rows": [[cell, ...], ...]}</c>, each cell a JSON number or
/// string, so a process name with a newline or tab stays one cell of one row.
/// </summary>
internal static class SnapshotTableJson
{
    /// <summary>The table as JSON, rows as arrays in column order.</summary>
    public static JsonObject Write(TableValue table)
    {
        var rows = new JsonArray();
        foreach (var row in table.Rows)
        {
            var cells = new JsonArray();
            foreach (var column in table.Columns)
            {
                JsonNode? value = !row.TryGetValue(column, out var cell) ? null : cell switch
                {
                    double d => JsonValue.Create(d),
                    _ => JsonValue.Create(Cell.Format(cell)),
                };
                cells.Add(value);
            }
            rows.Add((JsonNode)cells);
        }
        var columns = new JsonArray();
        foreach (var column in table.Columns) columns.Add((JsonNode?)JsonValue.Create(column));
        return new JsonObject { ["columns"] = columns, ["rows"] = rows };
    }

    /// <summary>
    /// Reads the table of source <paramref name="key"/> written by <see cref="Write"/>; a malformed one, or one on a
    /// source that never gives a table, throws <see cref="FormatException"/> (a table skips the extractor, so only the
    /// process table with its own columns may come as one).
    /// </summary>
    public static TableValue Read(string key, JsonNode node)
    {
        if (!key.StartsWith("processes", StringComparison.Ordinal))
            throw new FormatException($"source '{key}' has a table; only the processes source records one");
        var columns = node["columns"]?.AsArray().Select(c => c?.GetValue<string>() ?? throw new FormatException("a table column is null")).ToList()
            ?? throw new FormatException("a table has no \"columns\"");
        if (!columns.SequenceEqual(ProcessTable.Columns))
            throw new FormatException($"the table of '{key}' has columns [{string.Join(", ", columns)}], not [{string.Join(", ", ProcessTable.Columns)}]");
        var rows = new List<IReadOnlyDictionary<string, object>>();
        foreach (var rowNode in node["rows"]?.AsArray() ?? throw new FormatException("a table has no \"rows\""))
        {
            var cells = rowNode?.AsArray() ?? throw new FormatException("a table row is not an array");
            if (cells.Count != columns.Count)
                throw new FormatException($"a table row has {cells.Count} cells for {columns.Count} columns");
            var row = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                row[columns[i]] = cells[i]?.GetValueKind() switch
                {
                    JsonValueKind.Number => cells[i]!.GetValue<double>(),
                    JsonValueKind.String => cells[i]!.GetValue<string>(),
                    _ => throw new FormatException($"table cell '{columns[i]}' is neither a number nor a string"),
                };
            }
            rows.Add(row);
        }
        return new TableValue(columns, rows);
    }
}
