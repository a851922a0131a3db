using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using NetBufRules.Model;

namespace NetBufRules.Probe.Extract;

/// <summary>Dotted paths into JSON (<c>kernel.TcpExtListenOverflows</c>, <c>[0].stats64.rx.dropped</c>).</summary>
internal static class JsonExtractor
{
    public static ProbeValue Extract(ExtractSpec spec, string output)
    {
        var root = Parse(output);
        if (spec.Map is { } map)
            return new RecordValue(map.ToDictionary(kv => kv.Key, kv => ToScalar(Navigate(root, kv.Value), kv.Value), StringComparer.Ordinal));
        return ToScalar(Navigate(root, spec.Path ?? ""), spec.Path ?? "");
    }

    public static TableValue ExtractRows(ExtractSpec spec, string output)
    {
        var array = Navigate(Parse(output), spec.Path ?? "");
        if (array.ValueKind != JsonValueKind.Array) throw new ExtractException($"'{spec.Path}' is not a JSON array");
        var columns = spec.Map ?? new Dictionary<string, string>();
        var rows = new List<IReadOnlyDictionary<string, object>>();
        foreach (var item in array.EnumerateArray())
        {
            var row = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (name, path) in columns)
            {
                if (TryNavigate(item, path, out var cell) && ToCell(cell) is { } value) row[name] = value;
            }
            rows.Add(row);
        }
        return new TableValue([.. columns.Keys], rows);
    }

    /// <summary>Each output text parsed once, however many probes read fields from it (nstat's JSON feeds a dozen).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, StrongBox<JsonElement>> Parsed = new();

    private static JsonElement Parse(string output) => Parsed.GetValue(output, text => new StrongBox<JsonElement>(ParseNew(text))).Value;

    private static JsonElement ParseNew(string output)
    {
        try
        {
            using var document = JsonDocument.Parse(output);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            // iproute2 writes an interface name as its bytes: one with an ESC in it (the kernel refuses only '/', ':' and
            // white space) is a raw control character inside a JSON string, which JSON forbids. Escaped, it is the name.
            if (EscapeControls(output) is { } escaped)
            {
                try
                {
                    using var document = JsonDocument.Parse(escaped);
                    return document.RootElement.Clone();
                }
                catch (JsonException)
                {
                }
            }
            throw new ExtractException($"the output is not JSON: {e.Message}");
        }
    }

    /// <summary>The control characters JSON forbids raw inside a string (tab, CR and LF are white space between tokens).</summary>
    private static readonly System.Buffers.SearchValues<char> Controls = System.Buffers.SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    /// <summary>The text with each control character other than tab, CR and LF written as <c>\u00XX</c>; null when it has none.</summary>
    private static string? EscapeControls(string output)
    {
        if (output.AsSpan().IndexOfAny(Controls) < 0) return null;
        var text = new System.Text.StringBuilder(output.Length + 16);
        foreach (var c in output)
        {
            if (Controls.Contains(c)) text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else text.Append(c);
        }
        return text.ToString();
    }

    private static JsonElement Navigate(JsonElement root, string path) =>
        TryNavigate(root, path, out var found) ? found : throw new ExtractException($"'{path}' is not in the JSON output");

    private static bool TryNavigate(JsonElement root, string path, out JsonElement found)
    {
        found = root;
        foreach (var raw in path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.StartsWith('[') && raw.EndsWith(']'))
            {
                if (found.ValueKind != JsonValueKind.Array || !int.TryParse(raw[1..^1], CultureInfo.InvariantCulture, out var index) || index >= found.GetArrayLength())
                    return false;
                found = found[index];
            }
            else if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(raw, out found))
            {
                return false;
            }
        }
        return true;
    }

    private static object? ToCell(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => Cell.Parse(element.GetString() ?? ""),
        JsonValueKind.True => 1.0,
        JsonValueKind.False => 0.0,
        _ => null,
    };

    private static ScalarValue ToScalar(JsonElement element, string path) =>
        ToCell(element) is { } value ? new ScalarValue(value) : throw new ExtractException($"'{path}' is not a number or a string");
}
