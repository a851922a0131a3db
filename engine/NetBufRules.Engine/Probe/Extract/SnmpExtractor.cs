using NetBufRules.Model;

namespace NetBufRules.Probe.Extract;

/// <summary>The /proc/net/snmp and /proc/net/netstat format: a header line and a value line per prefix, zipped by position.</summary>
internal static class SnmpExtractor
{
    public static ProbeValue Extract(ExtractSpec spec, string output)
    {
        var table = Parse(output);
        if (spec.Map is { } map)
            return new RecordValue(map.ToDictionary(kv => kv.Key, kv => Lookup(table, kv.Value), StringComparer.Ordinal));
        return Lookup(table, spec.Path ?? "");
    }

    /// <summary>Each output text parsed once, however many probes read fields from it (/proc/net/netstat feeds four playbooks).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, IReadOnlyDictionary<string, string>> Parsed = new();

    /// <summary>Every <c>Prefix.Name</c> with its value.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string output) => Parsed.GetValue(output, ParseNew);

    private static IReadOnlyDictionary<string, string> ParseNew(string output)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            var header = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var values = lines[i + 1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (header.Length == 0 || values.Length == 0 || header[0] != values[0] || !header[0].EndsWith(':')) continue;
            var prefix = header[0][..^1];
            for (var j = 1; j < Math.Min(header.Length, values.Length); j++)
                result[prefix + "." + header[j]] = values[j];
            i++;
        }
        return result;
    }

    private static ScalarValue Lookup(IReadOnlyDictionary<string, string> table, string path) =>
        table.TryGetValue(path, out var value)
            ? new ScalarValue(Cell.Parse(value))
            : throw new ExtractException($"'{path}' is not in the output (this kernel may not have that counter)");
}
