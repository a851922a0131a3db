using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using NetBufRules.Model;
using NetBufRules.Primitives;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;

namespace NetBufRules.Watch;

/// <summary>
/// Makes consecutive windows share their edges, so <c>watch</c> reads each source once per interval: a counter's first
/// sample in a window is its second sample from the window before. A window without one (the first, or a fallback newly
/// in use) waits a whole interval before its second sample. Expensive sources (<see cref="ProbeCost"/>) are read again
/// only after the slow interval; in between their last output stands.
/// </summary>
internal sealed partial class WindowSourceReader(ISourceReader live, IReadOnlySet<string> counterKeys, TimeSpan interval, TimeSpan slowInterval) : ISourceReader
{
    private readonly ConcurrentDictionary<string, RawOutput> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (RawOutput Output, DateTimeOffset ReadAt)> _slow = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RawOutput> _fresh = new(StringComparer.Ordinal);

    /// <summary>Every source that some probe samples as a counter.</summary>
    public static IReadOnlySet<string> CounterKeys(IEnumerable<Playbook> playbooks) =>
        playbooks.SelectMany(p => p.Probes).Where(p => p.Counter)
            .SelectMany(p => p.Alternatives.Select(a => a.Source.Key)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Pids a socket table named that a process table already missed once, fresh: each asks for one refresh only.</summary>
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    private bool _sawWindow;

    /// <summary>When each pid was first named by a listening socket table (the first window's: never, they were in its table).</summary>
    private readonly Dictionary<string, DateTimeOffset> _listenerSince = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the process table should be read again now, rather than on the slow cadence, because this window's
    /// socket tables (<c>ss -p</c>'s <c>pid=N</c>) name a process it does not know, or a listener that appeared less than
    /// the slow interval ago: such a listener's processes change fast (it accepts until it runs out of file descriptors),
    /// and a table read before it started, or as it started, put its overflow on the wrong lever (the table says whether
    /// its processes are out of file descriptors). The cached tables are then dropped, so the next read is fresh;
    /// <see cref="WatchLoop"/> evaluates the window again with it. Rate-limited: a pid that a fresh table lacks too (a
    /// process in another pid namespace, outside a table's scope, gone) asks once; a new listener asks at most every
    /// <see cref="YoungRefreshGap"/>, and only during the slow interval after it appeared.
    /// </summary>
    public bool RefreshProcessesFor(IReadOnlyList<SnapshotSource> window)
    {
        var tables = window.Where(s => s.Key.StartsWith("processes", StringComparison.Ordinal)).ToList();
        if (tables.Count == 0) return false;
        var sockets = window.Where(s => s.Key.StartsWith("cmd:ss\u0001", StringComparison.Ordinal)).ToList();
        var named = Pids(sockets).ToHashSet(StringComparer.Ordinal);
        var now = DateTimeOffset.UtcNow;
        var first = !_sawWindow;
        _sawWindow = true;
        if (_listenerSince.Count > 100_000) _listenerSince.Clear();
        foreach (var pid in Pids(sockets.Where(s => Listening(s.Key))))
            _listenerSince.TryAdd(pid, first ? DateTimeOffset.MinValue : now);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var known = table.Samples.Where(o => o.Table is not null)
                .SelectMany(o => o.Table!.Rows.Select(r => r.TryGetValue("pid", out var pid) ? Convert.ToString(pid, CultureInfo.InvariantCulture) : null))
                .OfType<string>().ToHashSet(StringComparer.Ordinal);
            if (known.Count == 0) continue;
            missing.UnionWith(named.Where(pid => !known.Contains(pid) && !_asked.Contains(pid)));
        }
        var readAt = tables.Select(t => _slow.TryGetValue(t.Key, out var c) ? c.ReadAt : DateTimeOffset.MinValue).Min();
        var young = named.Any(pid => _listenerSince.TryGetValue(pid, out var since) && now - since < slowInterval) && now - readAt >= YoungRefreshGap;
        if (missing.Count == 0 && !young) return false;
        // A long watch on a busy host must not grow without end; forgetting only means one more refresh each.
        if (_asked.Count > 100_000) _asked.Clear();
        _asked.UnionWith(missing);
        foreach (var table in tables) _slow.TryRemove(table.Key, out _);
        return true;
    }

    /// <summary>The shortest time between two reads of the process table for a listener that appeared lately.</summary>
    public static readonly TimeSpan YoungRefreshGap = TimeSpan.FromSeconds(2);

    private static IEnumerable<string> Pids(IEnumerable<SnapshotSource> sockets) =>
        sockets.SelectMany(s => s.Samples).Where(o => o.Succeeded).SelectMany(o => SocketPid().Matches(o.Stdout).Select(m => m.Groups[1].Value));

    /// <summary>Whether an ss source lists listening sockets (a short option group with 'l', e.g. -Hltnp).</summary>
    private static bool Listening(string key) =>
        key.Split('\u0001').Skip(1).Any(a => a.Length > 1 && a[0] == '-' && a[1] != '-' && a.Contains('l', StringComparison.Ordinal));

    [GeneratedRegex(@"\bpid=(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex SocketPid();

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
