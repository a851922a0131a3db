using NetBufRules.Model;

namespace NetBufRules.Probe.Recording;

/// <summary>Replays a snapshot: the same source and sample give the same output every time.</summary>
internal sealed class SnapshotSourceReader(Snapshot snapshot) : ISourceReader
{
    private readonly Dictionary<string, SnapshotSource> _sources = snapshot.Sources.ToDictionary(s => s.Key, StringComparer.Ordinal);

    public Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken)
    {
        // A v1 snapshot knows only the whole process table: a scoped processes source replays it as it was recorded.
        if (!_sources.TryGetValue(source.Key, out var recorded) && source is ProcessesSource && snapshot.Version < 2)
            _sources.TryGetValue(new ProcessesSource().Key, out recorded);
        if (recorded is null || recorded.Samples.Count == 0)
            return Task.FromResult(RawOutput.Failed(snapshot.Host.Time, ReadFailure.NotRecorded, $"{source.Describe()} is not in the snapshot"));
        if (sample >= recorded.Samples.Count)
            return Task.FromResult(RawOutput.Failed(snapshot.Host.Time, ReadFailure.NotRecorded, $"{source.Describe()} has no sample {sample + 1} in the snapshot (recorded as a gauge)"));
        return Task.FromResult(recorded.Samples[sample]);
    }
}
