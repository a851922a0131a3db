using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NetBufRules.Model;

namespace NetBufRules.Probe.Extract;

/// <summary>
/// Extraction results shared across the hosts of one fleet replay: an extractor is a pure function of its spec and the
/// text, so the same spec on the same text (compared in full, never by hash alone) gives the same value, or the same
/// "nothing matched". Hosts of a fleet print much the same sysctls, limits and counter tables. A regex that ran out of time is never remembered (time is not a property of the text). Values are
/// immutable, so sharing them between hosts and threads is safe. Bounded: past <see cref="MaxBytes"/> of remembered text
/// and values (a table's rows weigh more than its text) it starts again empty, so memory does not grow with the fleet.
/// </summary>
internal sealed class ExtractionMemo
{
    /// <summary>
    /// How much is remembered at most, texts and the values extracted from them (estimated): 16 MB. Measured on a fleet
    /// whose hosts share no output, counting the texts alone let the tables they gave grow the replay by 200 MB.
    /// </summary>
    public const long MaxBytes = 16 * 1024 * 1024;

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
    private long _bytes;

    /// <summary>The outcomes on each long output, by spec, for as long as that output's string lives.</summary>
    private readonly ConditionalWeakTable<string, ConcurrentDictionary<ExtractSpec, Outcome>> _large = new();

    /// <summary>Lookups and hits since the memo last started again (whether the hosts repeat each other's outputs).</summary>
    private long _lookups;
    private long _hits;

    /// <summary>How many more lookups are answered without the memo.</summary>
    private long _rest;

    /// <summary>How many bytes of text and values are remembered now (estimated).</summary>
    public long RememberedBytes => Interlocked.Read(ref _bytes);

    /// <summary>The value <paramref name="extract"/> gives for <paramref name="spec"/> on <paramref name="text"/>, remembered.</summary>
    public ProbeValue GetOrExtract(ExtractSpec spec, string text, Func<ExtractSpec, string, ProbeValue> extract)
    {
        // A long output (a kernel log) is remembered only while its own string lives, i.e. for its own host: the
        // six kernel-log probes of the pack share two patterns, and each is run once per host, not twice.
        if (text.Length > MaxTextChars) return Own(spec, text, extract);
        Interlocked.Increment(ref _lookups);
        // Resting, outputs are not compared across hosts, but a host's own output read by several probes (its process
        // table, by seven) is still extracted once.
        if (Interlocked.Read(ref _rest) > 0 && Interlocked.Decrement(ref _rest) >= 0) return Own(spec, text, extract);
        var canonical = _canonical.GetValue(text, Canonical);
        if (_entries.TryGetValue((spec, canonical), out var outcome)) Interlocked.Increment(ref _hits);
        else
        {
            // What the extraction allocated weighs its value (its rows, cells and strings) and then some: an estimate
            // from the value's shape undercounted the tables' dictionaries several times over.
            var before = GC.GetAllocatedBytesForCurrentThread();
            outcome = Run(spec, text, extract);
            var weight = GC.GetAllocatedBytesForCurrentThread() - before;
            if (outcome.Remember && _entries.TryAdd((spec, canonical), outcome)) Charge(weight);
        }
        return outcome.Get();
    }

    /// <summary>The outcome of <paramref name="spec"/> on this very string, kept for as long as the string lives.</summary>
    private ProbeValue Own(ExtractSpec spec, string text, Func<ExtractSpec, string, ProbeValue> extract)
    {
        var byInstance = _large.GetValue(text, _ => new ConcurrentDictionary<ExtractSpec, Outcome>());
        if (!byInstance.TryGetValue(spec, out var own))
        {
            own = Run(spec, text, extract);
            if (own.Remember) byInstance.TryAdd(spec, own);
        }
        return own.Get();
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

    private string Canonical(string text)
    {
        if (_texts.TryGetValue(text, out var known)) return known;
        Charge(2L * text.Length + 64);
        return _texts.GetOrAdd(text, text);
    }

    /// <summary>
    /// Counts <paramref name="bytes"/> more; when full, starts again (entries keyed by the old instances go with them;
    /// answers stay exact). If fewer than half of the lookups since the last start were answered from memory, the
    /// hosts do not repeat each other's outputs: it rests for four times as many lookups (extracting afresh, keeping
    /// nothing), instead of filling and dropping 16 MB every few dozen hosts (measured: 130 MB more peak memory on a
    /// fleet whose hosts share no output, and no time saved).
    /// </summary>
    private void Charge(long bytes)
    {
        if (Interlocked.Add(ref _bytes, bytes) <= MaxBytes) return;
        _entries.Clear();
        _texts.Clear();
        Interlocked.Exchange(ref _bytes, bytes);
        var lookups = Interlocked.Exchange(ref _lookups, 0);
        var hits = Interlocked.Exchange(ref _hits, 0);
        if (2 * hits < lookups) Interlocked.Exchange(ref _rest, 4 * lookups);
    }

    private sealed record Outcome(ProbeValue? Value, string? Error, bool Remember)
    {
        /// <summary>The value, or the extraction's failure thrown again.</summary>
        public ProbeValue Get() => Value ?? throw new ExtractException(Error!);
    }

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
