namespace NetBufRules.Model;

/// <summary>The kind of value an extractor gives.</summary>
internal enum ExtractShapeKind
{
    Scalar,
    Record,
    Table,
}

/// <summary>
/// The kind of value an extractor gives and its field or column names, from the playbook alone, as Probe/Extract
/// decides them (a regex with <c>all</c> is a table even without named groups): what lint's dry render shapes and what
/// a probe's <c>gauges</c> may name.
/// </summary>
internal static class ExtractShape
{
    /// <summary>The shape of <paramref name="e"/>'s value; names are null for a scalar, or a regex that does not compile (NBR017).</summary>
    public static (ExtractShapeKind Kind, IReadOnlyList<string>? Names) Of(ExtractSpec e)
    {
        switch (e.Kind)
        {
            case ExtractKind.Json or ExtractKind.Snmp:
                return e.Map is null ? (ExtractShapeKind.Scalar, null) : (ExtractShapeKind.Record, [.. e.Map.Keys]);
            case ExtractKind.JsonRows:
                return (ExtractShapeKind.Table, [.. (e.Map ?? new Dictionary<string, string>()).Keys]);
            case ExtractKind.Table:
                return (ExtractShapeKind.Table, [.. (e.Columns ?? []).Select(c => c.EndsWith("...", StringComparison.Ordinal) ? c[..^3] : c)]);
            case ExtractKind.Fields:
                return (ExtractShapeKind.Record, [.. e.Columns ?? []]);
            case ExtractKind.Regex:
                var names = RegexNames(e);
                if (names is null) return (ExtractShapeKind.Scalar, null);
                if (e.All) return (ExtractShapeKind.Table, names);
                return names.Count == 0 || names is ["value"] ? (ExtractShapeKind.Scalar, null) : (ExtractShapeKind.Record, names);
            default:
                return (ExtractShapeKind.Scalar, null);
        }
    }

    private static List<string>? RegexNames(ExtractSpec e)
    {
        try
        {
            return [.. Primitives.RegexCache.Get(e.Path ?? "").GetGroupNames().Where(n => !int.TryParse(n, out _))];
        }
        catch (ArgumentException)
        {
            return null; // a regex that does not compile is NBR017
        }
    }
}
