using NetBufRules.Compile;
using NetBufRules.Probe;

namespace NetBufRules.Evaluate;

/// <summary>What names mean while a condition is evaluated: params, probe values, and (inside <c>where</c>) a table row.</summary>
internal sealed class EvaluationScope(
    IReadOnlyDictionary<string, object> parameters,
    IReadOnlyDictionary<string, ProbeValue> values,
    IReadOnlyDictionary<string, object>? row = null,
    Dictionary<string, IReadOnlySet<string>>? cells = null)
{
    /// <summary>The cells of each table column among() looked at, shared by the scopes of every row.</summary>
    private readonly Dictionary<string, IReadOnlySet<string>> _cells = cells ?? new(StringComparer.Ordinal);

    public EvaluationScope WithRow(IReadOnlyDictionary<string, object> current) => new(parameters, values, current, _cells) { Peers = Peers };

    /// <summary>The verdicts of other findings this playbook may read, or null (none known).</summary>
    public Peers? Peers { get; init; }

    /// <summary>The value of <paramref name="name"/> as NCalc sees it.</summary>
    public object Resolve(string name)
    {
        if (row is not null && row.TryGetValue(name, out var cell)) return HostValueRange.Checked(name, cell);
        if (parameters.TryGetValue(name, out var param)) return param;
        var root = CompiledCondition.Root(name);
        if (!values.TryGetValue(root, out var value))
        {
            if (row is not null && HostValueRange.MissingCounterPart(name, row) is { } outOfRange) throw outOfRange;
            if (row is not null && !name.Contains('.'))
                throw new EvaluationException($"this row has no column '{name}' (it has: {string.Join(", ", row.Keys)})");
            throw new EvaluationException($"'{name}' is neither a param nor a probe with a value");
        }
        var field = name.Length > root.Length ? name[(root.Length + 1)..] : null;
        return HostValueRange.Checked(name, (value, field) switch
        {
            (ScalarValue s, null) => s.Value,
            (TableValue t, null) => (double)t.Rows.Count,
            (RecordValue r, null) => throw new EvaluationException($"'{root}' has fields; use {root}.<field> ({string.Join(", ", r.Fields.Keys)})"),
            (RecordValue r, _) => r.Fields.TryGetValue(field, out var f) ? f.Value
                : throw new EvaluationException($"'{root}' has no field '{field}' (it has: {string.Join(", ", r.Fields.Keys)})"),
            (TableValue, _) => throw new EvaluationException($"'{name}' is a table column; use sum({name}), maxof({name}) or minof({name})"),
            _ => throw new EvaluationException($"'{root}' is a single value; it has no field '{field}'"),
        });
    }

    /// <summary>A counter's scalar for rate() and delta().</summary>
    public double CounterPart(string name, bool rate) => TryCounterPart(name, rate, out var part, out var error) ? part : throw error!;

    /// <summary>Like <see cref="CounterPart"/>, without an exception for a value that is no counter (evidence asks for every name).</summary>
    public bool TryCounterPart(string name, bool rate, out double part, out EvaluationException? error)
    {
        part = 0;
        error = null;
        var suffix = rate ? CounterMath.RateSuffix : CounterMath.DeltaSuffix;
        if (row is not null && row.TryGetValue(name + suffix, out var cell) && cell is double d)
        {
            part = d;
            return true;
        }
        var root = CompiledCondition.Root(name);
        ScalarValue? scalar = values.TryGetValue(root, out var value) ? value switch
        {
            ScalarValue s when name == root => s,
            RecordValue r when name.Length > root.Length => r.Fields.GetValueOrDefault(name[(root.Length + 1)..]),
            _ => null,
        } : null;
        if ((rate ? scalar?.Rate : scalar?.Delta) is { } result)
        {
            part = result;
            return true;
        }
        var outOfRange = HostValueRange.IsOutOfRange(scalar?.Value) ? HostValueRange.Error(name, (string)scalar!.Value)
            : row is null ? null : HostValueRange.MissingCounterPart(name + suffix, row);
        if (outOfRange is not null)
        {
            error = outOfRange;
            return false;
        }
        error = scalar is null && !values.ContainsKey(root) && (row is null || !row.ContainsKey(name))
            ? new EvaluationException($"'{name}' is not a probe value")
            : new EvaluationException($"'{name}' is not a counter, so it has no {(rate ? "rate" : "delta")}; add 'counter: true' to probe '{root}'");
        return false;
    }

    /// <summary>The numbers of a table column for sum(), maxof() and minof().</summary>
    public IReadOnlyList<double> Column(string name) =>
        [.. TableColumn(name).Select(c => HostValueRange.IsOutOfRange(c) ? throw HostValueRange.Error(name, (string)c!) : c).OfType<double>()];

    /// <summary>sum(): the total of a column's numbers.</summary>
    public double SumOf(string name) => Column(name).Sum();

    /// <summary>maxof(): a column's largest number, 0 for none.</summary>
    public double MaxOf(string name) => Column(name) is { Count: > 0 } c ? c.Max() : 0.0;

    /// <summary>minof(): a column's smallest number, 0 for none.</summary>
    public double MinOf(string name) => Column(name) is { Count: > 0 } c ? c.Min() : 0.0;

    /// <summary>among(): whether <paramref name="value"/>, formatted as cells are, is one of a column's <paramref name="cells"/>.</summary>
    public static bool Among(IReadOnlySet<string> cells, object? value) => cells.Contains(Cell.Format(value));

    /// <summary>contains(): whether <paramref name="part"/> is in <paramref name="text"/>, both as invariant text, compared ordinally.</summary>
    public static bool Contains(object? text, object? part) =>
        (Convert.ToString(text, System.Globalization.CultureInfo.InvariantCulture) ?? "")
            .Contains(Convert.ToString(part, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparison.Ordinal);

    /// <summary>Every cell of a table column as text, for among().</summary>
    public IReadOnlySet<string> Cells(string name)
    {
        // A 'where' with among() asks for the same column once per row: build the set once.
        if (!_cells.TryGetValue(name, out var set)) _cells[name] = set = TableColumn(name).Select(Cell.Format).ToHashSet(StringComparer.Ordinal);
        return set;
    }

    /// <summary>How many rows share the most common value of a column, for maxcount() (0 for an empty table).</summary>
    public double LargestGroup(string name) =>
        TableColumn(name).Select(Cell.Format).GroupBy(c => c, StringComparer.Ordinal).Select(g => g.Count()).DefaultIfEmpty(0).Max();

    /// <summary>The cells of <c>table.column</c>, one per row (null where a row lacks the column).</summary>
    private IEnumerable<object?> TableColumn(string name)
    {
        var root = CompiledCondition.Root(name);
        if (!values.TryGetValue(root, out var value) || value is not TableValue table || name.Length == root.Length)
            throw new EvaluationException($"'{name}' is not a table column; write table.column");
        var column = name[(root.Length + 1)..];
        return table.Rows.Select(r => r.GetValueOrDefault(column));
    }

    public double Count(string name) =>
        values.TryGetValue(name, out var value) && value is TableValue table ? table.Rows.Count
            : throw new EvaluationException($"count() needs a table probe; '{name}' is not one");

    /// <summary>The table probe called <paramref name="name"/>, or null when it is no table (for the evidence).</summary>
    public TableValue? TableOf(string name) =>
        values.TryGetValue(name, out var value) ? value as TableValue : null;
}
