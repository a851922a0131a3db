using System.Text.RegularExpressions;
using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Load;

/// <summary>Reads the keys <c>watch</c> and Prometheus use: <c>metrics:</c>, <c>for:</c> and <c>clear_after:</c> (all optional).</summary>
internal static class WatchKeysParser
{
    private static readonly string[] MetricKeys = ["value", "unit", "help"];
    private static readonly string[] Units = ["per_second", "ratio", "bytes", "seconds", "count"];
    private static readonly Regex MetricName = new("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant);

    /// <summary>The playbook with those keys read from <paramref name="map"/>; problems go to the reader's diagnostics.</summary>
    public static Playbook Apply(NodeReader r, YamlMap map, Playbook playbook) => playbook with
    {
        Metrics = ParseMetrics(r, map["metrics"]),
        Hold = Duration(r, map["for"], "'for'") ?? TimeSpan.Zero,
        ClearAfter = Duration(r, map["clear_after"], "'clear_after'"),
    };

    private static TimeSpan? Duration(NodeReader r, YamlNode? node, string what)
    {
        var scalar = r.Scalar(node, what);
        if (scalar is null) return null;
        if (DurationText.TryParse(scalar.Value, out var duration) && duration <= TimeSpan.FromHours(24)) return duration;
        r.Diagnostics.Error(scalar.Position, Codes.InvalidValue, $"{what} '{scalar.Value}' is not a duration", "write for example 10s, 500ms or 2m (at most 24h)");
        return null;
    }

    private static IReadOnlyList<MetricSpec> ParseMetrics(NodeReader r, YamlNode? node)
    {
        var map = r.Map(node, "'metrics'");
        if (map is null) return [];
        var result = new List<MetricSpec>();
        foreach (var (key, value) in map.Entries)
        {
            var where = $"metric '{key.Value}'";
            if (!MetricName.IsMatch(key.Value))
                r.Diagnostics.Error(key.Position, Codes.InvalidValue, $"metric name '{key.Value}' must be lower-case snake_case", "for example listen_overflows; the unit suffix is added from 'unit'");
            var metric = r.Map(value, where);
            if (metric is null) continue;
            r.CheckKeys(metric, where, MetricKeys);
            var expression = r.Text(metric["value"], $"'value' of {where}");
            if (expression is null)
            {
                r.Diagnostics.Error(metric.Position, Codes.MissingKey, $"{where} has no 'value'", "give the expression that measures it, e.g. rate(listen.overflows)");
                continue;
            }
            var unitNode = r.Scalar(metric["unit"], $"'unit' of {where}");
            var unit = MetricUnit.Count;
            if (unitNode is not null)
            {
                var index = Array.IndexOf(Units, unitNode.Value);
                if (index < 0)
                    r.Diagnostics.Error(unitNode.Position, Codes.InvalidValue, $"unknown unit '{unitNode.Value}'", Suggest.Hint(unitNode.Value, Units));
                else
                    unit = (MetricUnit)index;
            }
            var help = r.String(metric["help"], $"'help' of {where}")?.Trim() ?? "";
            result.Add(new MetricSpec(key.Value, expression, unit, help.Length > 0 ? help : key.Value.Replace('_', ' '), key.Position));
        }
        return result;
    }
}
