using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NetBufRules.Model;

namespace NetBufRules.Probe.Extract;

/// <summary>
/// Extraction results shared across the hosts of one fleet replay: an extractor is a pure function of its spec and the
/// text, so the same spec on the same text (compared in full, never by hash alone) gives the same value, or the same
/// "nothing matched". Hosts of a fleet print much the same sysctls, and a fleet of identical machines much the same
/// everything. A regex that ran out of time is never remembered (time is not a property of the text). Values are
/// immutable, so sharing them between hosts and threads is safe. Bounded: past <see cref="MaxChars"/> characters of
/// remembered text it starts again empty, so memory does not grow with the fleet.
/// </summary>
public sealed class ExtractionMemo
{
    /// <summary>How much text (in characters) is remembered at most: 8 M, about 16 MB.</summary>
    public const long MaxChars = 8 * 1024 * 1024;

    private readonly ConcurrentDictionary<Key, Outcome> _entries = new();
    private long _chars;

    /// <summary>How many characters of text are remembered now.</summary>
    public long RememberedChars => Interlocked.Read(ref _chars);

    /// <summary>The value <paramref name="extract"/> gives for <paramref name="spec"/> on <paramref name="text"/>, remembered.</summary>
    public ProbeValue GetOrExtract(ExtractSpec spec, string text, Func<ExtractSpec, string, ProbeValue> extract)
    {
        var key = new Key(spec, text);
        if (!_entries.TryGetValue(key, out var outcome))
        {
            try
            {
                outcome = new Outcome(extract(spec, text), null);
            }
            catch (ExtractException e) when (e.InnerException is not System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                outcome = new Outcome(null, e.Message);
            }
            if (Interlocked.Add(ref _chars, text.Length) > MaxChars)
            {
                _entries.Clear();
                Interlocked.Exchange(ref _chars, text.Length);
            }
            _entries.TryAdd(key, outcome);
        }
        return outcome.Value ?? throw new ExtractException(outcome.Error!);
    }

    private sealed record Outcome(ProbeValue? Value, string? Error);

    /// <summary>The same spec object and equal text: the full text is compared, the hash only finds candidates.</summary>
    private readonly struct Key(ExtractSpec spec, string text) : IEquatable<Key>
    {
        private readonly ExtractSpec _spec = spec;
        private readonly string _text = text;
        private readonly int _hash = HashCode.Combine(RuntimeHelpers.GetHashCode(spec), string.GetHashCode(text, StringComparison.Ordinal));

        public bool Equals(Key other) => ReferenceEquals(_spec, other._spec) && _hash == other._hash && string.Equals(_text, other._text, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
