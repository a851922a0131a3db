using System.Collections.Concurrent;
using System.IO.Hashing;

namespace NetBufRules.Probe.Recording;

/// <summary>
/// The process tables of a fleet's snapshots, shared by their encoded bytes as <see cref="SnapshotStrings"/> shares
/// outputs: a table written byte for byte as an earlier one is given the table read then (one object, so the verdict
/// memo's comparison of two hosts' tables is a reference check), not read, allocated and compared cell by cell again.
/// Kept from its first reading, unlike an output: the verdict memo remembers the first host's table, and a table kept
/// only from the second would never be the same object as that one. A source whose tables seldom repeat (real hosts'
/// pids and fd counts differ) rests after <see cref="Primitives.KeepRule.RestAfter"/> lookups and lets go
/// (<see cref="Primitives.KeepRule"/>), so a fleet of unique tables keeps at most that many. A table is never changed
/// once read, so sharing it is safe.
/// </summary>
internal sealed class SnapshotTables(long maxBytes = SnapshotTables.MaxBytes)
{
    /// <summary>Encoded bytes of the tables kept, at most (by default: a process table of a few hundred rows is 20 to 60 KB).</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    private readonly long _maxBytes = maxBytes;

    private readonly ConcurrentDictionary<string, Source> _sources = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>How many tables were shared, of how many looked up, per source key.</summary>
    public IReadOnlyDictionary<string, (long Lookups, long Hits, bool Resting)> Counts =>
        _sources.ToDictionary(s => s.Key, s => (s.Value.Rule.Lookups, s.Value.Rule.Hits, s.Value.Rule.Resting), StringComparer.Ordinal);

    /// <summary>Whether tables of source <paramref name="key"/> are still looked up (false once it rests).</summary>
    public bool Looks(string key) => !_sources.GetOrAdd(key, _ => new Source()).Rule.Resting;

    /// <summary>The table kept for exactly these bytes of source <paramref name="key"/>, if any (compared in full, never by hash alone).</summary>
    public TableValue? Find(string key, ReadOnlySpan<byte> encoded, out ulong hash)
    {
        hash = XxHash3.HashToUInt64(encoded);
        var source = _sources.GetOrAdd(key, _ => new Source());
        var hit = source.Tables.TryGetValue(hash, out var known) && encoded.SequenceEqual(known.Encoded);
        source.Rule.Looked(hit);
        return hit ? known!.Table : null;
    }

    /// <summary>After a miss: remembers <paramref name="table"/>, read from <paramref name="encoded"/>, within the budget.</summary>
    public void Seen(string key, ReadOnlySpan<byte> encoded, ulong hash, TableValue table)
    {
        var source = _sources.GetOrAdd(key, _ => new Source());
        lock (source)
        {
            if (source.Rule.RestNow())
            {
                foreach (var kept in source.Tables.Values) Interlocked.Add(ref _bytes, -kept.Encoded.Length);
                source.Tables.Clear();
                return;
            }
            if (source.Rule.Resting || Interlocked.Read(ref _bytes) + encoded.Length > _maxBytes) return;
            if (source.Tables.TryAdd(hash, new Known(encoded.ToArray(), table))) Interlocked.Add(ref _bytes, encoded.Length);
        }
    }

    private sealed class Source
    {
        public readonly ConcurrentDictionary<ulong, Known> Tables = new();
        public readonly Primitives.KeepRule Rule = new();
    }

    private sealed record Known(byte[] Encoded, TableValue Table);
}
