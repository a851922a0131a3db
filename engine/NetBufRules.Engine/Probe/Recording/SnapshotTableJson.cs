using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetBufRules.Probe.Recording;

/// <summary>
/// A typed table in a snapshot: <c>{"columns": [...], "rows": [[cell, ...], ...]}</c>, each cell a JSON number or
/// string, so a process name with a newline or tab stays one cell of one row.
/// </summary>
public static class SnapshotTableJson
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

    /// <summary>Reads a table written by <see cref="Write"/>; a malformed one throws <see cref="FormatException"/>.</summary>
    public static TableValue Read(JsonNode node)
    {
        var columns = node["columns"]?.AsArray().Select(c => c?.GetValue<string>() ?? throw new FormatException("a table column is null")).ToList()
            ?? throw new FormatException("a table has no \"columns\"");
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
