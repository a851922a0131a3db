using System.Globalization;
using System.Text.Json;

namespace NetBufRules.Probe.Recording;

/// <summary>
/// Reads a snapshot in one forward pass over its UTF-8 (no document, no second walk for the shape and sanity checks),
/// for the common case: a snapshot that plainly satisfies the schema and the sanity rules. It answers only then; on
/// anything else (a rule broken, a duplicate or unknown property, a number out of range, bad JSON) it declines with
/// null, and <see cref="SnapshotJson"/> reads the file the general way, which decides and words the error. So it gives
/// exactly what the general reader gives, or nothing; <c>SnapshotStreamTests</c> holds the two together. A fleet
/// replay reads thousands of snapshots: the document reader spent a fifth of it.
/// </summary>
internal static class SnapshotStream
{
    /// <summary>
    /// The snapshot in <paramref name="utf8"/>, or null when the general reader must decide. Outputs are shared through
    /// <paramref name="strings"/> when given (a fleet's snapshots repeat each other's outputs).
    /// </summary>
    public static Snapshot? TryRead(ReadOnlySpan<byte> utf8, SnapshotStrings? strings = null)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
            // Rows of the snapshot's tables so far, against SnapshotBudget: past it the read stops with the place.
            var rows = 0;
            // Where the reader's bytes start in utf8: a reader that stepped over a shared output reads from after it.
            var offset = 0;
            var snapshot = Root(ref reader, new Shared(strings, utf8), ref offset, ref rows);
            // Nothing may follow the document (the general reader refuses trailing text).
            return snapshot is not null && !reader.Read() ? snapshot : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    private static Snapshot? Root(ref Utf8JsonReader r, Shared shared, ref int offset, ref int rows)
    {
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return null;
        var seen = 0;
        int? version = null;
        HostInfo? host = null;
        double interval = 0;
        List<SnapshotSource>? sources = null;
        while (Next(ref r, out var name))
        {
            switch (name)
            {
                case "format" when SnapshotShape.Once(ref seen, 1) && r.TokenType == JsonTokenType.String:
                    version = r.ValueTextEquals(Snapshot.Format) ? 2 : r.ValueTextEquals(Snapshot.FormatV1) ? 1 : null;
                    if (version is null) return null;
                    break;
                case "host" when SnapshotShape.Once(ref seen, 2):
                    if ((host = Host(ref r)) is null) return null;
                    break;
                case "interval_seconds" when SnapshotShape.Once(ref seen, 4) && r.TokenType == JsonTokenType.Number:
                    if (!r.TryGetDouble(out interval) || !(interval >= 0) || !double.IsFinite(interval) || interval > SnapshotChecks.MaxIntervalSeconds) return null;
                    break;
                case "sources" when SnapshotShape.Once(ref seen, 8):
                    if ((sources = Sources(ref r, shared, ref offset, ref rows)) is null) return null;
                    break;
                default:
                    return null;
            }
        }
        return seen == 15 ? new Snapshot(host!, interval, sources!) { Version = version!.Value } : null;
    }

    private static HostInfo? Host(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        var seen = 0;
        string? hostname = null, kernel = null, netns = null;
        DateTimeOffset time = default;
        var root = false;
        while (Next(ref r, out var name))
        {
            switch (name)
            {
                case "hostname" when SnapshotShape.Once(ref seen, 1) && r.TokenType == JsonTokenType.String:
                    hostname = r.GetString();
                    break;
                case "kernel" when SnapshotShape.Once(ref seen, 2) && r.TokenType == JsonTokenType.String:
                    kernel = r.GetString();
                    break;
                case "time" when SnapshotShape.Once(ref seen, 4) && r.TokenType == JsonTokenType.String:
                    if (!SnapshotTime.TryRead(ref r, out time)) return null;
                    break;
                case "root" when SnapshotShape.Once(ref seen, 8) && r.TokenType is JsonTokenType.True or JsonTokenType.False:
                    root = r.GetBoolean();
                    break;
                case "net_namespace" when SnapshotShape.Once(ref seen, 16) && r.TokenType == JsonTokenType.String:
                    netns = r.GetString();
                    break;
                default:
                    return null;
            }
        }
        return seen == 31 ? new HostInfo(hostname!, kernel!, time, root, netns!) : null;
    }

    private static List<SnapshotSource>? Sources(ref Utf8JsonReader r, Shared shared, ref int offset, ref int rows)
    {
        if (r.TokenType != JsonTokenType.StartArray) return null;
        var sources = new List<SnapshotSource>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) return null;
            if (sources.Count == SnapshotBudget.Sources) throw SnapshotBudget.TooManySources(sources.Count);
            var seen = 0;
            string? key = null, describe = null;
            List<RawOutput>? samples = null;
            while (Next(ref r, out var name))
            {
                switch (name)
                {
                    case "key" when SnapshotShape.Once(ref seen, 1) && r.TokenType == JsonTokenType.String:
                        key = r.GetString();
                        break;
                    case "describe" when SnapshotShape.Once(ref seen, 2) && r.TokenType == JsonTokenType.String:
                        describe = r.GetString();
                        break;
                    case "samples" when SnapshotShape.Once(ref seen, 4):
                        // The key comes first in every snapshot written; a table read before it could not be checked.
                        if (key is null || (samples = Samples(ref r, key, shared, ref offset, sources.Count, ref rows)) is null) return null;
                        break;
                    default:
                        return null;
                }
            }
            // A source recorded twice: the general reader names both places.
            if (seen != 7 || !keys.Add(key!)) return null;
            sources.Add(new SnapshotSource(key!, describe!, samples!));
        }
        return sources;
    }

    private static List<RawOutput>? Samples(ref Utf8JsonReader r, string key, Shared shared, ref int offset, int source, ref int rows)
    {
        if (r.TokenType != JsonTokenType.StartArray) return null;
        var samples = new List<RawOutput>(2);
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject || samples.Count == 2) return null;
            var seen = 0;
            DateTimeOffset time = default;
            string? stdout = null, stderr = null, message = null;
            int? exit = null;
            var failure = ReadFailure.None;
            var truncated = false;
            TableValue? table = null;
            while (NextName(ref r, out var name))
            {
                // An output a fleet has seen before, byte for byte: stepped over, not read (see SnapshotStrings).
                if (name is "stdout" or "stderr" && shared.Strings is { } strings && strings.TrySkip(ref r, shared.Utf8, ref offset, key, out var known))
                {
                    if (!SnapshotShape.Once(ref seen, name == "stdout" ? 2 : 4)) return null;
                    if (name == "stdout") stdout = known;
                    else stderr = known;
                    continue;
                }
                ToValue(ref r);
                switch (name)
                {
                    case "time" when SnapshotShape.Once(ref seen, 1) && r.TokenType == JsonTokenType.String:
                        if (!SnapshotTime.TryRead(ref r, out time)) return null;
                        break;
                    case "stdout" when SnapshotShape.Once(ref seen, 2) && r.TokenType == JsonTokenType.String:
                        stdout = shared.Strings is null ? r.GetString() : shared.Strings.Get(ref r, key);
                        break;
                    case "stderr" when SnapshotShape.Once(ref seen, 4) && r.TokenType == JsonTokenType.String:
                        stderr = shared.Strings is null ? r.GetString() : shared.Strings.Get(ref r, key);
                        break;
                    case "exit_code" when SnapshotShape.Once(ref seen, 8):
                        if (r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var code)) exit = code;
                        else if (r.TokenType != JsonTokenType.Null) return null;
                        break;
                    case "failure" when SnapshotShape.Once(ref seen, 16) && r.TokenType == JsonTokenType.String:
                        // One of the names the schema allows, as the document reader then parses it.
                        if (FailureName(ref r) is not { } named) return null;
                        failure = Enum.Parse<ReadFailure>(named);
                        break;
                    case "failure_message" when SnapshotShape.Once(ref seen, 32) && r.TokenType is JsonTokenType.String or JsonTokenType.Null:
                        message = r.TokenType == JsonTokenType.Null ? null : r.GetString();
                        break;
                    case "truncated" when SnapshotShape.Once(ref seen, 64) && r.TokenType is JsonTokenType.True or JsonTokenType.False:
                        truncated = r.GetBoolean();
                        break;
                    case "table" when SnapshotShape.Once(ref seen, 128):
                        if ((table = SharedTable(ref r, shared, offset, key, source, samples.Count, ref rows)) is null) return null;
                        break;
                    default:
                        return null;
                }
            }
            if ((seen & 3) != 3) return null;
            // Sample times in order and within a day of each other, as the sanity rules ask.
            if (samples.Count == 1 && (time < samples[0].Time || (time - samples[0].Time).TotalSeconds > SnapshotChecks.MaxIntervalSeconds)) return null;
            samples.Add(new RawOutput(time, stdout!, stderr ?? "", exit, failure, message, truncated, table));
        }
        return samples.Count is 1 or 2 ? samples : null;
    }

    /// <summary>
    /// The table the reader is on: when the fleet kept a table of these very bytes (<see cref="SnapshotTables"/>), that
    /// one, the reader moved past it and its rows counted as reading them would count them; otherwise read.
    /// </summary>
    private static TableValue? SharedTable(ref Utf8JsonReader r, Shared shared, int offset, string key, int source, int sample, ref int total)
    {
        if (shared.Strings?.Tables is not { } tables || r.TokenType != JsonTokenType.StartObject || !tables.Looks(key))
            return Table(ref r, key, source, sample, ref total);
        var start = offset + (int)r.TokenStartIndex;
        var ahead = r;
        ahead.Skip();
        var encoded = shared.Utf8[start..(offset + (int)ahead.BytesConsumed)];
        if (tables.Find(key, encoded, out var hash) is { } known)
        {
            // The same bytes read the same table (whose row count met the per-table budget when it was read).
            if ((total += known.Rows.Count) > SnapshotBudget.SnapshotRows) throw SnapshotBudget.TooManyRows(source, sample, total: true);
            r = ahead;
            return known;
        }
        var table = Table(ref r, key, source, sample, ref total);
        if (table is not null) tables.Seen(key, encoded, hash, table);
        return table;
    }

    private static TableValue? Table(ref Utf8JsonReader r, string key, int source, int sample, ref int total)
    {
        // Only the processes source records a table, with the process table's own columns.
        if (!key.StartsWith("processes", StringComparison.Ordinal) || r.TokenType != JsonTokenType.StartObject) return null;
        var seen = 0;
        var rows = new List<IReadOnlyDictionary<string, object>>();
        var columns = ProcessTable.Columns;
        while (Next(ref r, out var name))
        {
            switch (name)
            {
                case "columns" when SnapshotShape.Once(ref seen, 1) && r.TokenType == JsonTokenType.StartArray:
                    var i = 0;
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    {
                        if (r.TokenType != JsonTokenType.String || i >= columns.Count || !r.ValueTextEquals(columns[i])) return null;
                        i++;
                    }
                    if (i != columns.Count) return null;
                    break;
                // Rows after columns, as written: a row is read against columns already checked.
                case "rows" when seen == 1 && SnapshotShape.Once(ref seen, 2) && r.TokenType == JsonTokenType.StartArray:
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    {
                        if (r.TokenType != JsonTokenType.StartArray) return null;
                        if (rows.Count == SnapshotBudget.TableRows) throw SnapshotBudget.TooManyRows(source, sample, total: false);
                        if (++total > SnapshotBudget.SnapshotRows) throw SnapshotBudget.TooManyRows(source, sample, total: true);
                        var row = new Dictionary<string, object>(columns.Count, StringComparer.Ordinal);
                        var c = 0;
                        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                        {
                            if (c >= columns.Count) return null;
                            if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out var d)) row[columns[c]] = d;
                            else if (r.TokenType == JsonTokenType.String) row[columns[c]] = r.GetString()!;
                            else return null;
                            c++;
                        }
                        if (c != columns.Count) return null;
                        rows.Add(row);
                    }
                    break;
                default:
                    return null;
            }
        }
        return seen == 3 ? new TableValue(columns, rows) : null;
    }

    /// <summary>The failure name the reader is on, if it is one the schema allows (<see cref="SnapshotShape.Failures"/>).</summary>
    private static string? FailureName(ref Utf8JsonReader r)
    {
        foreach (var name in SnapshotShape.Failures)
        {
            if (r.ValueTextEquals(name)) return name;
        }
        return null;
    }

    /// <summary>The whole snapshot and the fleet's shared outputs, for a reader that steps over one.</summary>
    private readonly ref struct Shared(SnapshotStrings? strings, ReadOnlySpan<byte> utf8)
    {
        public SnapshotStrings? Strings { get; } = strings;
        public ReadOnlySpan<byte> Utf8 { get; } = utf8;
    }

    /// <summary>
    /// Moves to the next property of the object being read, leaving the reader on its value; false at the object's end.
    /// </summary>
    private static bool Next(ref Utf8JsonReader r, out string? name)
    {
        if (!NextName(ref r, out name)) return false;
        ToValue(ref r);
        return true;
    }

    /// <summary>Moves to the next property's name, leaving the reader on it (its value not read yet); false at the object's end.</summary>
    private static bool NextName(ref Utf8JsonReader r, out string? name)
    {
        name = null;
        if (!r.Read()) throw new JsonException("cut short");
        if (r.TokenType == JsonTokenType.EndObject) return false;
        if (r.TokenType != JsonTokenType.PropertyName) throw new JsonException("not a property");
        name = r.GetString();
        return true;
    }

    /// <summary>Moves from a property's name to its value.</summary>
    private static void ToValue(ref Utf8JsonReader r)
    {
        if (!r.Read()) throw new JsonException("cut short");
    }
}
