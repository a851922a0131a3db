using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text.Json;

namespace NetBufRules.Probe.Recording;

/// <summary>
/// The outputs of a fleet's snapshots, shared by their encoded bytes: when a snapshot holds an output byte for byte as
/// an earlier one wrote it (hosts from one image print the same sysctl, limits and table outputs), it is given the
/// string decoded then, not decoded and allocated again. The same bytes always decode to the same text, so a shared
/// string is exactly the one the reader would have made.
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="MaxBytes"/> of text in all, and an output is kept only once it has been seen twice
/// (before that, only its hash). Per source: once it has been read
/// <see cref="RestAfter"/> times and fewer than a quarter were shared (a kernel log differs on every host), it rests
/// and what it kept is let go.
/// </remarks>
internal sealed class SnapshotStrings
{
    public const long MaxBytes = 8 * 1024 * 1024;
    public const int RestAfter = 64;

    /// <summary>How many outputs seen once a source remembers (as hashes) before it starts afresh.</summary>
    public const int MaxSeen = 1 << 16;

    /// <summary>Shorter outputs are decoded each time: a lookup would cost as much.</summary>
    public const int MinBytes = 64;

    private readonly ConcurrentDictionary<string, Source> _sources = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>How many outputs were shared, of how many looked up, per source key.</summary>
    public IReadOnlyDictionary<string, (long Lookups, long Hits, bool Resting)> Counts =>
        _sources.ToDictionary(s => s.Key, s => (Interlocked.Read(ref s.Value.Lookups), Interlocked.Read(ref s.Value.Hits), s.Value.Resting), StringComparer.Ordinal);

    /// <summary>The bytes of text kept for sharing, as counted against <see cref="MaxBytes"/>.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The bytes of text actually held, counted afresh (what <see cref="Bytes"/> must agree with).</summary>
    public long Held => _sources.Values.Sum(s => s.Texts.Values.Sum(t => 2L * t.Length));

    /// <summary>The string the reader is on (a value of source <paramref name="key"/>): shared when its bytes were seen before.</summary>
    public string Get(ref Utf8JsonReader reader, string key)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length < MinBytes) return reader.GetString()!;
        var source = _sources.GetOrAdd(key, _ => new Source());
        if (source.Resting) return reader.GetString()!;
        var encoded = reader.ValueSpan;
        var hash = XxHash3.HashToUInt64(encoded);
        Interlocked.Increment(ref source.Lookups);
        // Compared in full, never by the hash alone: the reader's own comparison of its token with a string.
        if (source.Texts.TryGetValue(hash, out var known) && reader.ValueTextEquals(known))
        {
            Interlocked.Increment(ref source.Hits);
            return known;
        }
        var text = reader.GetString()!;
        lock (source)
        {
            var (lookups, hits) = (Interlocked.Read(ref source.Lookups), Interlocked.Read(ref source.Hits));
            if (lookups >= RestAfter && hits * 4 < lookups)
            {
                // What it kept seldom served: let it go.
                source.Resting = true;
                foreach (var kept in source.Texts.Values) Interlocked.Add(ref _bytes, -2L * kept.Length);
                source.Texts.Clear();
                return text;
            }
            // Kept only when seen a second time: an output that never repeats costs a hash, not its text kept alive.
            if (!source.Seen.Add(hash))
            {
                if (Interlocked.Read(ref _bytes) + 2L * text.Length <= MaxBytes && source.Texts.TryAdd(hash, text))
                    Interlocked.Add(ref _bytes, 2L * text.Length);
            }
            else if (source.Seen.Count > MaxSeen)
            {
                source.Seen.Clear();
            }
        }
        return text;
    }

    private sealed class Source
    {
        public readonly ConcurrentDictionary<ulong, string> Texts = new();
        public readonly HashSet<ulong> Seen = [];
        public long Lookups;
        public long Hits;
        public volatile bool Resting;
    }
}
