using NetBufRules.Diagnostics;
using NetBufRules.Model;
using NetBufRules.Primitives;

namespace NetBufRules.Load;

/// <summary>
/// A counter probe's <c>gauges:</c>, the columns that are levels rather than counts (a queue's length, a table's size):
/// each must be a column every source of the probe gives (where its extract names them), not one of its key columns, and
/// only on a probe with <c>counter: true</c>.
/// </summary>
internal static class GaugesParser
{
    public static IReadOnlyList<string> Parse(NodeReader r, YamlNode? node, string where, bool counter, IReadOnlyList<string> key, IReadOnlyList<ProbeAlternative> alternatives)
    {
        if (node is null || node is YamlScalar { IsNull: true }) return [];
        var items = node is YamlList list
            ? list.Items.Select(i => r.Scalar(i, "each item of 'gauges'")).OfType<YamlScalar>().ToList()
            : r.Scalar(node, "'gauges'") is { } one ? [one] : [];
        if (!counter)
        {
            r.Diagnostics.Error(node.Position, Codes.InvalidValue, $"{where} lists 'gauges' but is not a counter (no 'counter: true')",
                "gauges name the columns of a counter probe that are levels, read as they are at the end; remove 'gauges', or add 'counter: true'");
            return [];
        }
        var result = new List<string>();
        foreach (var gauge in items)
        {
            if (key.Contains(gauge.Value, StringComparer.Ordinal))
            {
                r.Diagnostics.Error(gauge.Position, Codes.InvalidValue, $"'{gauge.Value}' is a key column of {where}; a key is never counted, so it is no gauge",
                    $"remove '{gauge.Value}' from 'gauges'");
                continue;
            }
            var missing = alternatives.Where(a => a.Source is not DropReasonsSource).Select(a => Columns(a.Extract)).OfType<IReadOnlyList<string>>()
                .FirstOrDefault(columns => !columns.Contains(gauge.Value, StringComparer.Ordinal));
            if (missing is not null)
            {
                r.Diagnostics.Error(gauge.Position, Codes.InvalidValue,
                    missing.Count == 0 ? $"{where} gives a single value, which has no columns to call a gauge"
                        : $"'{gauge.Value}' is not a column of {where} (its columns: {string.Join(", ", missing)})",
                    missing.Count == 0 ? "a single value that is a level needs no 'counter: true' at all" : "name a column its extract gives");
                continue;
            }
            result.Add(gauge.Value);
        }
        return result;
    }

    /// <summary>The columns (or record fields) an extract gives, as Probe/Extract decides them: none for a single value, null for a regex that does not compile (its own error).</summary>
    private static IReadOnlyList<string>? Columns(ExtractSpec extract) => ExtractShape.Of(extract) switch
    {
        (ExtractShapeKind.Scalar, _) when extract.Kind != ExtractKind.Regex || RegexCompiles(extract.Path) => [],
        (_, var names) => names,
    };

    private static bool RegexCompiles(string? pattern)
    {
        try
        {
            _ = RegexCache.Get(pattern ?? "");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
