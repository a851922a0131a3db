using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;

namespace NetBufRules.Watch;

/// <summary>
/// A window evaluated again: every source gives what it gave in this window (the same samples, the same times), except
/// the process tables, which are read again through <paramref name="live"/>; a source the window did not read (an
/// 'each' row that only the new table keeps) is read there too.
/// </summary>
internal sealed class WindowReplayReader(IReadOnlyList<SnapshotSource> window, ISourceReader live) : ISourceReader
{
    private readonly Dictionary<string, SnapshotSource> _window = window.ToDictionary(s => s.Key, StringComparer.Ordinal);

    public Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken) =>
        source is not ProcessesSource && _window.TryGetValue(source.Key, out var read) && sample < read.Samples.Count
            ? Task.FromResult(read.Samples[sample])
            : live.ReadAsync(source, timeout, sample, cancellationToken);
}
