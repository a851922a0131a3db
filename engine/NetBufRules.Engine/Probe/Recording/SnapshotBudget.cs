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

    /// <summary>The refusal for source number <paramref name="index"/>, the first one too many.</summary>
    public static SnapshotLimitException TooManySources(int index) =>
        new($"$.sources[{index}]", $"more than {Sources} sources in one snapshot; refused (no host records that many)");

    /// <summary>The refusal for the rows of one table, or of the snapshot's tables together (<paramref name="total"/>).</summary>
    public static SnapshotLimitException TooManyRows(int source, int sample, bool total) =>
        new($"$.sources[{source}].samples[{sample}].table.rows", total
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
}
