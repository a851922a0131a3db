using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NetBufRules.Model;

namespace NetBufRules.Probe.Extract;

/// <summary>
/// Extraction results shared across the hosts of one fleet replay: an extractor is a pure function of its spec and the
/// text, so the same spec on the same text (compared in full, never by hash alone) gives the same value, or the same
/// "nothing matched". Hosts of a fleet print much the same sysctls, limits and counter tables. A regex that ran out of time is never remembered (time is not a property of the text). Values are
/// immutable, so sharing them between hosts and threads is safe. Bounded: past <see cref="MaxChars"/> characters of
/// remembered text it starts again empty, so memory does not grow with the fleet.
/// </summary>
internal sealed class ExtractionMemo
{
    /// <summary>How much text (in characters) is remembered at most: 4 M, about 8 MB.</summary>
    public const long MaxChars = 4 * 1024 * 1024;

    /// <summary>
    /// Longer outputs are extracted afresh: a kernel log is a host's own (measured: remembering them gave no hits on a
    /// real fleet and kept large strings alive, 100 MB more peak memory), while short ones (sysctls, counters, socket
    /// lists) repeat from host to host.
    /// </summary>
    public const int MaxTextChars = 32 * 1024;

    /// <summary>One instance per distinct text: equal outputs of different hosts map to it, compared in full once.</summary>
    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);

    /// <summary>Each output string's canonical instance, so a text read by several probes is hashed and compared once.</summary>
    private readonly ConditionalWeakTable<string, string> _canonical = new();

    private readonly ConcurrentDictionary<(ExtractSpec Spec, string Text), Outcome> _entries = new(KeyComparer.Instance);
    private long _chars;

    /// <summary>How many characters of text are remembered now.</summary>
    public long RememberedChars => Interlocked.Read(ref _chars);

    /// <summary>The value <paramref name="extract"/> gives for <paramref name="spec"/> on <paramref name="text"/>, remembered.</summary>
    public ProbeValue GetOrExtract(ExtractSpec spec, string text, Func<ExtractSpec, string, ProbeValue> extract)
    {
        if (text.Length > MaxTextChars)
        {
            // A long output (a kernel log) is remembered only while its own string lives, i.e. for its own host: the
            // six kernel-log probes of the pack share two patterns, and each is run once per host, not twice.
            var byInstance = _large.GetValue(text, _ => new ConcurrentDictionary<ExtractSpec, Outcome>());
            if (!byInstance.TryGetValue(spec, out var own))
            {
                own = Run(spec, text, extract);
                if (own.Remember) byInstance.TryAdd(spec, own);
            }
            return own.Value ?? throw new ExtractException(own.Error!);
        }
        var canonical = _canonical.GetValue(text, Canonical);
        if (!_entries.TryGetValue((spec, canonical), out var outcome))
        {
            outcome = Run(spec, text, extract);
            if (outcome.Remember) _entries.TryAdd((spec, canonical), outcome);
        }
        return outcome.Value ?? throw new ExtractException(outcome.Error!);
    }

    private static Outcome Run(ExtractSpec spec, string text, Func<ExtractSpec, string, ProbeValue> extract)
    {
        try
        {
            return new Outcome(extract(spec, text), null, true);
        }
        catch (ExtractException e)
        {
            // A regex that ran out of time is not remembered: time is not a property of the text.
            return new Outcome(null, e.Message, e.InnerException is not System.Text.RegularExpressions.RegexMatchTimeoutException);
        }
    }

    /// <summary>The outcomes on each long output, by spec, for as long as that output's string lives.</summary>
    private readonly ConditionalWeakTable<string, ConcurrentDictionary<ExtractSpec, Outcome>> _large = new();

    private string Canonical(string text)
    {
        if (_texts.TryGetValue(text, out var known)) return known;
        if (Interlocked.Add(ref _chars, text.Length) > MaxChars)
        {
            // Full: start again. Entries keyed by the old instances are dropped with them; answers stay exact.
            _entries.Clear();
            _texts.Clear();
            Interlocked.Exchange(ref _chars, text.Length);
        }
        return _texts.GetOrAdd(text, text);
    }

    private sealed record Outcome(ProbeValue? Value, string? Error, bool Remember);

    /// <summary>
    /// Equal specs (the same extractor, pattern and options, as two probes sharing a YAML anchor have) and the same
    /// canonical text instance (equal content was established when it was made canonical).
    /// </summary>
    private sealed class KeyComparer : IEqualityComparer<(ExtractSpec Spec, string Text)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((ExtractSpec Spec, string Text) x, (ExtractSpec Spec, string Text) y) =>
            ReferenceEquals(x.Text, y.Text) && x.Spec.Equals(y.Spec);

        public int GetHashCode((ExtractSpec Spec, string Text) key) =>
            HashCode.Combine(key.Spec, RuntimeHelpers.GetHashCode(key.Text));
    }
}
