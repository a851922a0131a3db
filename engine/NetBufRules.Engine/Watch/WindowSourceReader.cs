using System.Collections.Concurrent;
using NetBufRules.Model;
using NetBufRules.Primitives;
using NetBufRules.Probe;

namespace NetBufRules.Watch;

/// <summary>
/// Makes consecutive windows share their edges, so <c>watch</c> reads each source once per interval: a counter's first
/// sample in a window is its second sample from the window before. A window without one (the first, or a fallback newly
/// in use) waits a whole interval before its second sample. Expensive sources (<see cref="ProbeCost"/>) are read again
/// only after the slow interval; in between their last output stands.
/// </summary>
internal sealed class WindowSourceReader(ISourceReader live, IReadOnlySet<string> counterKeys, TimeSpan interval, TimeSpan slowInterval) : ISourceReader
{
    private readonly ConcurrentDictionary<string, RawOutput> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (RawOutput Output, DateTimeOffset ReadAt)> _slow = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RawOutput> _fresh = new(StringComparer.Ordinal);

    /// <summary>Every source that some probe samples as a counter.</summary>
    public static IReadOnlySet<string> CounterKeys(IEnumerable<Playbook> playbooks) =>
        playbooks.SelectMany(p => p.Probes).Where(p => p.Counter)
            .SelectMany(p => p.Alternatives.Select(a => a.Source.Key)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Starts a new window (call before each probe run).</summary>
    public void StartWindow()
    {
        _fresh.Clear();
        Waited = false;
    }

    /// <summary>True when this window waited for a second sample (its first samples were read just now).</summary>
    public bool Waited { get; private set; }

    public async Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken)
    {
        var key = source.Key;
        var counter = counterKeys.Contains(key);
        if (sample == 0)
        {
            if (counter && _latest.TryGetValue(key, out var previous) && previous.Succeeded)
                return previous;
            if (!counter && ProbeCost.IsExpensive(source))
            {
                if (_slow.TryGetValue(key, out var cached) && DateTimeOffset.UtcNow - cached.ReadAt < slowInterval)
                    return cached.Output;
                var read = await live.ReadAsync(source, timeout, 0, cancellationToken).ConfigureAwait(false);
                _slow[key] = (read, DateTimeOffset.UtcNow);
                return read;
            }
            var output = await live.ReadAsync(source, timeout, 0, cancellationToken).ConfigureAwait(false);
            if (counter) _fresh[key] = output;
            return output;
        }
        // A window is a promise: a first sample read just now waits a whole interval for its second.
        if (_fresh.TryGetValue(key, out var first))
        {
            Waited = true;
            await Clock.DelayUntilAsync(first.Time + interval, cancellationToken).ConfigureAwait(false);
        }
        var second = await live.ReadAsync(source, timeout, 1, cancellationToken).ConfigureAwait(false);
        _latest[key] = second;
        return second;
    }
}
