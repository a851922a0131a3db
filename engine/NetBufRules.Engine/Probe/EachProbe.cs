using System.Text.RegularExpressions;
using NetBufRules.Model;
using NetBufRules.Probe.Extract;

namespace NetBufRules.Probe;

/// <summary>
/// Runs a probe with <c>each:</c> once per row of its table probe: <c>{column}</c> in the argv (or file path) takes the
/// row's cell, and the rows read gain those cells. For what only a per-object command shows, e.g.
/// <c>tc -s filter show dev {dev} egress</c> for every device whose clsact qdisc drops.
/// </summary>
internal static partial class EachProbe
{
    /// <summary>At most this many rows are read, so a host with thousands of devices cannot stall a run.</summary>
    public const int MaxRows = 32;

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();

    // A cell goes into an argv or a path: names, numbers and addresses only, never '/', spaces or a leading '-'.
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.:@-]{0,63}$")]
    private static partial Regex SafeCell();

    /// <summary>The columns a source names as <c>{column}</c>.</summary>
    public static IReadOnlyList<string> Placeholders(SourceSpec source) => source switch
    {
        CommandSource c => [.. c.Argv.SelectMany(a => Placeholder().Matches(a).Select(m => m.Groups[1].Value)).Distinct(StringComparer.Ordinal)],
        FileSource f => [.. Placeholder().Matches(f.Path).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)],
        _ => [],
    };

    /// <summary>The source with the row's cells in place of its placeholders, or null when a cell is not safe to pass.</summary>
    public static SourceSpec? Bind(SourceSpec source, IReadOnlyDictionary<string, object> row)
    {
        string? Fill(string text)
        {
            var ok = true;
            var filled = Placeholder().Replace(text, m =>
            {
                var cell = row.TryGetValue(m.Groups[1].Value, out var value) ? Cell.Format(value) : "";
                ok &= SafeCell().IsMatch(cell);
                return cell;
            });
            return ok ? filled : null;
        }
        switch (source)
        {
            case CommandSource c:
                var argv = c.Argv.Select(Fill).ToList();
                if (argv.Any(a => a is null)) return null;
                // The bound command must fit its tool's read-only grammar as it will run, not only with placeholders.
                var bound = argv.OfType<string>().ToList();
                return Policy.SafetyPolicy.Default.Tools.TryGetValue(bound[0], out var grammar) && grammar.Check(bound) is null
                    ? new CommandSource(bound) : null;
            case FileSource f:
                return Fill(f.Path) is { } path ? new FileSource(path) : null;
            default:
                return source;
        }
    }

    /// <summary>
    /// All of one each-probe's reads, every row and fallback, end within this many of its timeouts: one per read one
    /// after another would let a shared playbook hold a run for rows x sources x timeout (32 x 3 x 300 s).
    /// </summary>
    public const int BudgetTimeouts = 2;

    /// <summary>
    /// Reads <paramref name="probe"/> for each row of <paramref name="table"/> (the first sample of its <c>each</c> probe):
    /// the rows side by side (as many at once as <paramref name="read"/> lets run), all within
    /// <see cref="BudgetTimeouts"/> x the probe's timeout on <paramref name="clock"/>. <paramref name="read"/> is given the
    /// time a read may take, asked when it starts. Rows not read in that time are named in the note: the rows read are
    /// evidence as they are (as with <see cref="MaxRows"/>), and none read at all skips the probe.
    /// </summary>
    public static async Task<ProbeResult> RunAsync(ProbeSpec probe, ProbeValue? table, string? tableSkipReason, Func<SourceSpec, Func<TimeSpan>, Task<RawOutput>> read, TimeProvider? clock = null)
    {
        if (table is not TableValue rows)
            return ProbeResult.Skipped(probe.Name, $"needs {probe.Each}, which was skipped ({tableSkipReason ?? "not a table"})", []);
        clock ??= TimeProvider.System;
        var budget = probe.Timeout * BudgetTimeouts;
        var started = clock.GetTimestamp();
        TimeSpan Left() => budget - clock.GetElapsedTime(started);
        var attempts = new List<ProbeAttempt>();
        var result = new List<IReadOnlyDictionary<string, object>>();
        var columns = new List<string>();
        var notes = new List<string>();
        var truncated = false;
        var keys = probe.Alternatives.SelectMany(a => Placeholders(a.Source)).Distinct(StringComparer.Ordinal).ToList();
        var distinct = rows.Rows.DistinctBy(r => string.Join('\u0001', keys.Select(k => Cell.Format(r.GetValueOrDefault(k))))).ToList();
        if (distinct.Count > MaxRows) notes.Add($"read for the first {MaxRows} of {distinct.Count} rows of {probe.Each}");
        var picked = distinct.Take(MaxRows).ToList();
        var reads = await Task.WhenAll(picked.Select(row => ReadRowAsync(probe, keys, row, read, Left))).ConfigureAwait(false);
        var late = new List<string>();
        // Merged in row order, whatever order they finished in: the same host gives the same table.
        foreach (var row in reads)
        {
            attempts.AddRange(row.Attempts);
            truncated |= row.Truncated;
            foreach (var merged in row.Rows)
            {
                foreach (var k in merged.Keys.Where(k => !columns.Contains(k))) columns.Add(k);
                result.Add(merged);
            }
            if (row.Unsafe is not null) notes.Add(row.Unsafe);
            if (row.Done) continue;
            if (row.OutOfTime) late.Add($"({row.Label})");
            else if (notes.Count == 0 && attempts.Count > 0 && attempts[^1].FailedBecause is { } why) notes.Add(why);
        }
        var outOfTime = late.Count == 0 ? null
            : $"{late.Count} of {picked.Count} rows of {probe.Each} not read within {budget.TotalSeconds:0.###}s ({BudgetTimeouts} x the probe's timeout, for all its rows): {string.Join(", ", late)}";
        if (outOfTime is not null && late.Count == picked.Count)
            return ProbeResult.Skipped(probe.Name, outOfTime, attempts);
        if (outOfTime is not null) notes.Insert(0, outOfTime);
        if (distinct.Count > 0 && result.Count == 0 && attempts.Count > 0 && attempts.All(a => a.FailedBecause is not null))
            return ProbeResult.Skipped(probe.Name, string.Join("; ", (outOfTime is null ? [] : new[] { outOfTime }).Concat(attempts.Select(a => a.FailedBecause!)).Distinct()), attempts);
        var template = string.Join(" | else ", probe.Alternatives.Select(a => a.Source.Describe()));
        // Rows not read in time may hold the culprit: a condition finding none in the rows read has not shown there is none.
        return new ProbeResult(probe.Name, ProbeStatus.Ok, new TableValue(columns, result), template, null, truncated, attempts,
            notes.Count > 0 ? string.Join("; ", notes.Distinct()) : null)
        { Unread = outOfTime };
    }

    /// <summary>What one row gave: its attempts, its rows (with the row's cells), and why not when it gave none.</summary>
    private sealed record RowRead(string Label, List<ProbeAttempt> Attempts, List<IReadOnlyDictionary<string, object>> Rows, bool Done, bool Truncated, string? Unsafe, bool OutOfTime);

    /// <summary>One row: its sources in order, until one reads and extracts, the row is unsafe to pass, or the time is up.</summary>
    private static async Task<RowRead> ReadRowAsync(ProbeSpec probe, IReadOnlyList<string> keys, IReadOnlyDictionary<string, object> row, Func<SourceSpec, Func<TimeSpan>, Task<RawOutput>> read, Func<TimeSpan> left)
    {
        var cells = keys.ToDictionary(k => k, k => row.GetValueOrDefault(k) ?? "", StringComparer.Ordinal);
        var label = string.Join(", ", cells.Values.Select(Cell.Format));
        var attempts = new List<ProbeAttempt>();
        foreach (var alternative in probe.Alternatives)
        {
            // A source naming a column this row leaves empty is not this row's (e.g. a cgroup path one folder deeper).
            if (!Applies(alternative.Source, row)) continue;
            if (Bind(alternative.Source, row) is not { } source)
                return new RowRead(label, attempts, [], false, false, $"a row of {probe.Each} ({label}) is not safe to pass to {alternative.Source.Describe()}", false);
            // No read, and no fallback, starts once the probe's time is spent; one that starts gets what is left of it.
            if (left() <= TimeSpan.Zero) return new RowRead(label, attempts, [], false, false, null, true);
            var raw = await read(source, () => left() < probe.Timeout ? left() : probe.Timeout).ConfigureAwait(false);
            if (!raw.Succeeded)
            {
                attempts.Add(new ProbeAttempt(source.Key, source.Describe(), [raw], raw.FailureMessage));
                continue;
            }
            try
            {
                var value = Extractor.Extract(alternative.Extract, raw.Stdout);
                attempts.Add(new ProbeAttempt(source.Key, source.Describe(), [raw], null));
                var found = new List<IReadOnlyDictionary<string, object>>();
                foreach (var one in RowsOf(value))
                {
                    var merged = new Dictionary<string, object>(one, StringComparer.Ordinal);
                    foreach (var (k, v) in cells) merged.TryAdd(k, v);
                    found.Add(merged);
                }
                return new RowRead(label, attempts, found, true, raw.Truncated, null, false);
            }
            catch (ExtractException e)
            {
                attempts.Add(new ProbeAttempt(source.Key, source.Describe(), [raw], $"{source.Describe()}: {e.Message}"));
            }
        }
        // A read the time cut short is the time's, not the row's: it is named with the rows not read.
        return new RowRead(label, attempts, [], false, false, null, left() <= TimeSpan.Zero && attempts.Count > 0 && attempts[^1].Samples.Any(s => s.Failure == ReadFailure.Timeout));
    }

    /// <summary>Whether every column <paramref name="source"/> names has a cell in <paramref name="row"/> (an unmatched optional regex group is empty).</summary>
    public static bool Applies(SourceSpec source, IReadOnlyDictionary<string, object> row) =>
        Placeholders(source).All(k => row.GetValueOrDefault(k) is not (null or ""));

    private static IEnumerable<IReadOnlyDictionary<string, object>> RowsOf(ProbeValue value) => value switch
    {
        TableValue t => t.Rows,
        RecordValue r => [r.Fields.ToDictionary(f => f.Key, f => f.Value.Value, StringComparer.Ordinal)],
        ScalarValue s => [new Dictionary<string, object>(StringComparer.Ordinal) { ["value"] = s.Value }],
        _ => [],
    };
}
