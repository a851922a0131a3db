using System.Text.Json;

namespace NetBufRules.Probe.Recording;

/// <summary>
/// What one snapshot may hold beyond its size on disk: a table row costs about thirty times its JSON once read (a
/// dictionary of boxed cells), so a valid 42 MB file of 1.5 million process rows took 3.5 GB, and one hostile host sank
/// a fleet replay. Far above a real host (a few thousand processes, about 100 sources), far below what hurts the reader.
/// </summary>
internal static class SnapshotBudget
{
    /// <summary>Rows of one process table (a host runs a few hundred to a few thousand processes; each row costs about 1.5 KB replayed).</summary>
    public const int TableRows = 50_000;

    /// <summary>Rows of all the process tables of one snapshot together (each scope of the processes source is one).</summary>
    public const int SnapshotRows = 100_000;

    /// <summary>Sources of one snapshot (the whole pack records about 100).</summary>
    public const int Sources = 4096;

    /// <summary>Samples of one source: a counter is read twice, everything else once (the schema's maxItems).</summary>
    public const int SamplesPerSource = 2;

    /// <summary>Characters of a sample's output: what a live read keeps at most (the probe is then marked truncated).</summary>
    public const int StdoutChars = LiveSourceReader.DefaultOutputCap;

    /// <summary>Characters of a sample's error output: what a live command keeps of its stderr.</summary>
    public const int StderrChars = LiveSourceReader.StderrCap;

    /// <summary>
    /// JSON values of a snapshot the general schema evaluator is given, when the plain shape check says no: it costs about
    /// 1 KB a value, so a 63 MB file of 446,000 samples took 4.3 GB and a minute before it was refused. Far above a
    /// recorded host that is merely malformed (about 2,000 values; a host with 10,000 processes about 80,000).
    /// </summary>
    public const int SchemaValues = 200_000;

    /// <summary>The refusal for source number <paramref name="index"/>, the first one too many.</summary>
    public static SnapshotLimitException TooManySources(int index) =>
        new($"$.sources[{index}]", $"more than {Sources} sources in one snapshot; refused (no host records that many)");

    /// <summary>The refusal for the rows of one table, or of the snapshot's tables together (<paramref name="total"/>).</summary>
    public static SnapshotLimitException TooManyRows(int source, int sample, bool total, string place = "table.rows") =>
        new($"$.sources[{source}].samples[{sample}].{place}", total
            ? $"more than {SnapshotRows} process rows in the snapshot's tables together; refused (a snapshot may expand to at most a fixed memory budget)"
            : $"more than {TableRows} rows in one process table; refused (a snapshot may expand to at most a fixed memory budget)");

    /// <summary>Throws at the first place <paramref name="root"/> (a whole document, any shape) holds more than allowed.</summary>
    public static void Check(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("sources", out var sources) || sources.ValueKind != JsonValueKind.Array) return;
        if (sources.GetArrayLength() > Sources) throw TooManySources(Sources);
        var index = 0;
        var rows = 0;
        foreach (var source in sources.EnumerateArray())
        {
            if (source.ValueKind == JsonValueKind.Object && source.TryGetProperty("samples", out var samples) && samples.ValueKind == JsonValueKind.Array)
            {
                if (samples.GetArrayLength() > SamplesPerSource)
                    throw new SnapshotLimitException($"$.sources[{index}].samples", $"more than {SamplesPerSource} samples of one source; refused (a counter is read twice, everything else once)");
                var sample = 0;
                foreach (var s in samples.EnumerateArray())
                {
                    if (s.ValueKind == JsonValueKind.Object && s.TryGetProperty("table", out var table) && table.ValueKind == JsonValueKind.Object
                        && table.TryGetProperty("rows", out var tableRows) && tableRows.ValueKind == JsonValueKind.Array)
                    {
                        var count = tableRows.GetArrayLength();
                        if (count > TableRows) throw TooManyRows(index, sample, total: false);
                        if ((rows += count) > SnapshotRows) throw TooManyRows(index, sample, total: true);
                    }
                    sample++;
                }
            }
            index++;
        }
    }

    /// <summary>
    /// Throws at the first sample that holds more than a live read can record: an output over the live cap, or a process
    /// table given as text (snapshot v1, a playbook test) of more rows than a typed one may have. Both readers build the
    /// samples; this holds them to one budget, so a v1 file of a million process rows (6.9 GB replayed) or an output of
    /// 600,000 lines (2 GB) is refused as a typed table of that size is.
    /// </summary>
    public static void CheckTexts(IReadOnlyList<SnapshotSource> sources)
    {
        var rows = 0;
        for (var index = 0; index < sources.Count; index++)
        {
            var source = sources[index];
            var processes = source.Key.StartsWith("processes", StringComparison.Ordinal);
            for (var sample = 0; sample < source.Samples.Count; sample++)
            {
                var raw = source.Samples[sample];
                if (raw.Stderr.Length > StderrChars)
                    throw new SnapshotLimitException($"$.sources[{index}].samples[{sample}].stderr", $"more than {StderrChars} characters of error output; refused (a live read keeps at most that)");
                if (processes && raw.Table is null)
                {
                    var count = TextRows(raw.Stdout);
                    if (count > TableRows) throw TooManyRows(index, sample, total: false, "stdout");
                    if ((rows += count) > SnapshotRows) throw TooManyRows(index, sample, total: true, "stdout");
                }
                else if (processes)
                {
                    rows += raw.Table!.Rows.Count;
                }
                else if (raw.Stdout.Length > StdoutChars)
                {
                    throw new SnapshotLimitException($"$.sources[{index}].samples[{sample}].stdout", $"more than {StdoutChars} characters of output; refused (a live read keeps at most {StdoutChars / 1024} KiB and marks the probe truncated)");
                }
            }
        }
    }

    /// <summary>Rows of a process table written as text: its lines after the header.</summary>
    private static int TextRows(string text)
    {
        var lines = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (!line.IsWhiteSpace()) lines++;
        }
        return Math.Max(0, lines - 1);
    }

    /// <summary>How many JSON values <paramref name="root"/> holds, counting no further than past <paramref name="limit"/>.</summary>
    public static int Values(JsonElement root, int limit)
    {
        var count = 1;
        var pending = new Stack<JsonElement>();
        pending.Push(root);
        while (pending.Count > 0 && count <= limit)
        {
            var value = pending.Pop();
            if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in value.EnumerateObject())
                {
                    if (++count > limit) break;
                    pending.Push(p.Value);
                }
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                {
                    if (++count > limit) break;
                    pending.Push(item);
                }
            }
        }
        return count;
    }
}
