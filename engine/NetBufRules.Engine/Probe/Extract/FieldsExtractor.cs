using NetBufRules.Model;

namespace NetBufRules.Probe.Extract;

/// <summary>Whitespace-separated values named in order, e.g. tcp_rmem's "4096	131072	33554432".</summary>
internal static class FieldsExtractor
{
    public static RecordValue Extract(ExtractSpec spec, string output)
    {
        var names = spec.Columns ?? [];
        var parts = output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < names.Count)
            throw new ExtractException($"expected {names.Count} fields ({string.Join(", ", names)}), found {parts.Length}");
        var fields = new Dictionary<string, ScalarValue>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++) fields[names[i]] = new ScalarValue(Cell.Parse(parts[i]));
        return new RecordValue(fields);
    }
}
