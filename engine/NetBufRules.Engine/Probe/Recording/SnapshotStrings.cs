using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace NetBufRules.Probe.Recording;

/// <summary>
/// The outputs of a fleet's snapshots, shared by their encoded bytes: when a snapshot holds an output byte for byte as
/// an earlier one wrote it (hosts from one image print the same sysctl, limits and table outputs), it is given the
/// string decoded then, not decoded and allocated again; and the reader steps over those bytes without tokenizing
/// them (<see cref="TrySkip"/>). The same bytes always read as the same string token, so a shared string is exactly
/// the one the reader would have made, and the reader goes on exactly where it would have.
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="MaxBytes"/> kept in all (encoded and decoded), and an output is kept only once it has
/// been seen twice (before that, only its hash). Per source: once it has been read <see cref="RestAfter"/> times and
/// fewer than a quarter were shared (a kernel log differs on every host), it rests and what it kept is let go.
/// </remarks>
internal sealed class SnapshotStrings(long tableBytes = SnapshotTables.MaxBytes)
{
    public const long MaxBytes = 12 * 1024 * 1024;
    public const int RestAfter = Primitives.KeepRule.RestAfter;

    /// <summary>Shorter outputs are decoded each time: a lookup would cost as much.</summary>
    public const int MinBytes = 64;

    /// <summary>An output is found for stepping over by the hash of its first bytes (all shared outputs have as many).</summary>
    private const int PrefixBytes = 32;

    /// <summary>At most this many shared outputs start with the same bytes (kernel logs of one image share a boot).</summary>
    private const int MaxPerPrefix = 8;

    private readonly ConcurrentDictionary<string, Source> _sources = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>
    /// The reader's state just after an output's string token (the same for every output: the same place in the same
    /// shape), from the first one read; a reader stepping over an output goes on from it.
    /// </summary>
    private StrongBox<JsonReaderState>? _afterOutput;

    /// <summary>The fleet's process tables, shared the same way.</summary>
    public SnapshotTables Tables { get; } = new(tableBytes);

    /// <summary>How many outputs were shared, of how many looked up, per source key.</summary>
    public IReadOnlyDictionary<string, (long Lookups, long Hits, bool Resting)> Counts =>
        _sources.ToDictionary(s => s.Key, s => (s.Value.Rule.Lookups, s.Value.Rule.Hits, s.Value.Rule.Resting), StringComparer.Ordinal);

    /// <summary>The bytes kept for sharing, as counted against <see cref="MaxBytes"/>.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The bytes actually held, counted afresh (what <see cref="Bytes"/> must agree with).</summary>
    public long Held => _sources.Values.Sum(s => s.Texts.Values.Sum(k => k.Bytes));

    /// <summary>The string the reader is on (a value of source <paramref name="key"/>): shared when its bytes were seen before.</summary>
    public string Get(ref Utf8JsonReader reader, string key)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length < MinBytes) return reader.GetString()!;
        if (_afterOutput is null) Volatile.Write(ref _afterOutput, new StrongBox<JsonReaderState>(reader.CurrentState));
        var source = _sources.GetOrAdd(key, _ => new Source());
        if (source.Rule.Resting) return reader.GetString()!;
        var encoded = reader.ValueSpan;
        var hash = XxHash3.HashToUInt64(encoded);
        // Compared in full, never by the hash alone.
        var hit = source.Texts.TryGetValue(hash, out var known) && encoded.SequenceEqual(known.Encoded);
        source.Rule.Looked(hit);
        if (hit) return known!.Text;
        var text = reader.GetString()!;
        lock (source)
        {
            if (source.Rule.RestNow())
            {
                // What it kept seldom served: let it go.
                foreach (var kept in source.Texts.Values) Interlocked.Add(ref _bytes, -kept.Bytes);
                source.Texts.Clear();
                source.ByPrefix.Clear();
                return text;
            }
            // Kept only when seen a second time: an output that never repeats costs a hash, not its text kept alive.
            if (source.Rule.SeenBefore(hash))
            {
                var entry = new Known(encoded.ToArray(), text);
                if (Interlocked.Read(ref _bytes) + entry.Bytes <= MaxBytes && source.Texts.TryAdd(hash, entry))
                {
                    Interlocked.Add(ref _bytes, entry.Bytes);
                    var prefix = XxHash3.HashToUInt64(encoded[..PrefixBytes]);
                    var same = source.ByPrefix.GetValueOrDefault(prefix, []);
                    if (same.Length < MaxPerPrefix) source.ByPrefix[prefix] = [.. same, entry];
                }
            }
        }
        return text;
    }

    /// <summary>
    /// With the reader just past an output's property name (in <paramref name="utf8"/>, whose first
    /// <paramref name="offset"/> bytes the reader does not see), steps over its value when that is, byte for byte, an
    /// output kept for source <paramref name="key"/>: gives its string and a reader on the bytes after it (offset
    /// moved), in the state the reader would have reached by reading it. False, and nothing moved, otherwise.
    /// </summary>
    public bool TrySkip(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, ref int offset, string key, out string text)
    {
        text = "";
        if (Volatile.Read(ref _afterOutput) is not { } after || !_sources.TryGetValue(key, out var source) || source.Rule.Resting || source.ByPrefix.IsEmpty)
            return false;
        var at = offset + (int)reader.BytesConsumed;
        at = Blank(utf8, at);
        if (at < utf8.Length && utf8[at] == (byte)':') at = Blank(utf8, at + 1);
        if (at >= utf8.Length || utf8[at] != (byte)'"') return false;
        var start = at + 1;
        if (utf8.Length - start < PrefixBytes || !source.ByPrefix.TryGetValue(XxHash3.HashToUInt64(utf8.Slice(start, PrefixBytes)), out var candidates))
            return false;
        foreach (var known in candidates)
        {
            // A kept output is a whole string's content, so a quote right after the same bytes ends this string too.
            var end = start + known.Encoded.Length;
            if (end < utf8.Length && utf8[end] == (byte)'"' && utf8[start..end].SequenceEqual(known.Encoded))
            {
                offset = end + 1;
                reader = new Utf8JsonReader(utf8[offset..], isFinalBlock: true, after.Value);
                source.Rule.Looked(hit: true);
                text = known.Text;
                return true;
            }
        }
        return false;
    }

    private static int Blank(ReadOnlySpan<byte> utf8, int at)
    {
        while (at < utf8.Length && utf8[at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') at++;
        return at;
    }

    private sealed class Source
    {
        public readonly ConcurrentDictionary<ulong, Known> Texts = new();
        public readonly ConcurrentDictionary<ulong, Known[]> ByPrefix = new();
        public readonly Primitives.KeepRule Rule = new();
    }

    private sealed record Known(byte[] Encoded, string Text)
    {
        public long Bytes => Encoded.Length + 2L * Text.Length;
    }
}
