namespace NetBufRules.Probe;

/// <summary>Joins two samples of a counter into value, delta and rate per second.</summary>
internal static class CounterMath
{
    /// <summary>Suffixes of the cells a counter table gains for each numeric column.</summary>
    public const string DeltaSuffix = "_delta", RateSuffix = "_rate";

    /// <summary>
    /// The second sample with deltas; a drop below the first sample counts as a reset (delta = second value). Table rows
    /// pair by key; a keyed row new in the second sample counts from 0 (its object was made during the window); a row new
    /// by position only (no key), or whose key another row of either sample shares, has a change of 0. A gauge column
    /// or field (a level: a queue's length, a table's size) is the second sample's, with no change or rate.
    /// </summary>
    public static ProbeValue Combine(ProbeValue first, ProbeValue second, double seconds, IReadOnlyList<string> key, IReadOnlyList<string>? gauges = null)
    {
        gauges ??= [];
        seconds = Math.Max(seconds, 1e-3);
        return (first, second) switch
        {
            (ScalarValue a, ScalarValue b) => Scalar(a, b, seconds),
            (RecordValue a, RecordValue b) => new RecordValue(b.Fields.ToDictionary(
                kv => kv.Key, kv => !gauges.Contains(kv.Key) && a.Fields.TryGetValue(kv.Key, out var old) ? Scalar(old, kv.Value, seconds) : kv.Value, StringComparer.Ordinal)),
            (TableValue a, TableValue b) => Table(a, b, seconds, key, gauges),
            _ => second,
        };
    }

    private static ScalarValue Scalar(ScalarValue a, ScalarValue b, double seconds)
    {
        if (a.Number is not { } x || b.Number is not { } y) return b;
        // Kernel counters only count up from zero: a negative one is a corrupt or forged recording, not a rate.
        if (x < 0 || y < 0)
            throw new Extract.ExtractException($"counter value {Cell.Format(x < 0 ? x : y)} is negative; a counter only counts up from 0");
        Finite(x, y);
        var delta = Delta(x, y);
        return new ScalarValue(y, delta, delta / seconds);
    }

    /// <summary>
    /// A kernel counter is a whole number below 2^64: one written past a double's range (1e400 in a snapshot) read as
    /// Infinity, and the report showed 'Infinity (+NaN, NaN/s)' as a measurement (red team 9). Not believed, as a
    /// negative one is not.
    /// </summary>
    private static void Finite(double first, double second)
    {
        if (!double.IsFinite(first) || !double.IsFinite(second))
            throw new Extract.ExtractException($"counter value {Cell.Format(double.IsFinite(first) ? second : first)} is not a finite number; a kernel counter is a whole number below 2^64");
    }

    private static double Delta(double first, double second) => second >= first ? second - first : second;

    private static TableValue Table(TableValue a, TableValue b, double seconds, IReadOnlyList<string> key, IReadOnlyList<string> gauges)
    {
        string KeyOf(IReadOnlyDictionary<string, object> row, int index) =>
            key.Count > 0 ? string.Join("\u0001", key.Select(k => Cell.Format(row.GetValueOrDefault(k)))) : "#" + index;
        // A key that several rows share in either sample (two SO_REUSEPORT sockets on one address, a key too coarse
        // for its table) cannot say which earlier row a later one continues: those rows are not paired, so they show no
        // change rather than the difference between two different sockets.
        var shared = a.Rows.Select(KeyOf).GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Concat(b.Rows.Select(KeyOf).GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1))
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var before = new Dictionary<string, IReadOnlyDictionary<string, object>>(StringComparer.Ordinal);
        for (var i = 0; i < a.Rows.Count; i++)
            if (!shared.Contains(KeyOf(a.Rows[i], i))) before.Add(KeyOf(a.Rows[i], i), a.Rows[i]);
        var rows = new List<IReadOnlyDictionary<string, object>>();
        for (var i = 0; i < b.Rows.Count; i++)
        {
            var row = new Dictionary<string, object>(b.Rows[i], StringComparer.Ordinal);
            var id = KeyOf(b.Rows[i], i);
            before.TryGetValue(id, out var old);
            // A key names a kernel object (a qdisc's handle, a socket's inode or fd): one absent from the first sample was
            // made during the window (tc gives a recreated qdisc a new handle), so all it counted is the window's. Without
            // a key a row is paired by position only, and one past the first sample's end is no object known to be new.
            var fresh = old is null && key.Count > 0 && !shared.Contains(id);
            foreach (var (column, value) in b.Rows[i])
            {
                if (value is not double now || key.Contains(column) || gauges.Contains(column)) continue;
                var earlier = old is not null && old.TryGetValue(column, out var was) && was is double then ? then : (double?)null;
                Finite(earlier ?? 0, now);
                var delta = earlier is { } previous ? Delta(previous, now) : fresh ? now : 0;
                row[column + DeltaSuffix] = delta;
                row[column + RateSuffix] = delta / seconds;
            }
            rows.Add(row);
        }
        var columns = b.Columns.Concat(b.Columns.Where(c => !key.Contains(c) && !gauges.Contains(c)).SelectMany(c => new[] { c + DeltaSuffix, c + RateSuffix })).ToList();
        return new TableValue(columns, rows);
    }
}
