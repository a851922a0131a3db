namespace NetBufRules.Evaluate;

/// <summary>The functions conditions may call, with their argument counts and what they do.</summary>
internal static class FunctionCatalog
{
    /// <summary>Name to (minimum, maximum) arguments.</summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max, string Help)> Functions =
        new Dictionary<string, (int, int, string)>(StringComparer.Ordinal)
        {
            ["rate"] = (1, 1, "rate(counter): change per second over the sampling window"),
            ["delta"] = (1, 1, "delta(counter): change over the sampling window"),
            ["count"] = (1, 1, "count(table): number of rows"),
            ["sum"] = (1, 1, "sum(table.column): total of a column"),
            ["maxof"] = (1, 1, "maxof(table.column): largest value of a column (0 when empty)"),
            ["minof"] = (1, 1, "minof(table.column): smallest value of a column (0 when empty)"),
            ["max"] = (2, 2, "max(a, b): the larger number"),
            ["min"] = (2, 2, "min(a, b): the smaller number"),
            ["ratio"] = (2, 2, "ratio(a, b): a / b, or 0 when b is 0"),
            ["abs"] = (1, 1, "abs(x): absolute value"),
            ["if"] = (3, 3, "if(condition, then, else)"),
            ["contains"] = (2, 2, "contains(text, part): whether text contains part"),
            ["maxcount"] = (1, 1, "maxcount(table.column): how many rows share the most common value of a column (e.g. sources per multicast group; 0 when empty)"),
            ["fired"] = (1, 1, "fired('playbook-id'): whether that finding fired in this run (false when it was ok, skipped or not loaded)"),
            ["explained"] = (0, 0, "explained(): whether any finding listed in 'explained_by' fired"),
            ["among"] = (2, 2, "among(value, table.column): whether a row of the table has that value (joins two probes)"),
        };
}
