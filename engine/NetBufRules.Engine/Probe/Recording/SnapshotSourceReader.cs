using NetBufRules.Model;

namespace NetBufRules.Probe.Recording;

/// <summary>Replays a snapshot: the same source and sample give the same output every time.</summary>
internal sealed class SnapshotSourceReader(Snapshot snapshot) : ISourceReader
{
    private readonly Dictionary<string, SnapshotSource> _sources = snapshot.Sources.ToDictionary(s => s.Key, StringComparer.Ordinal);

    public Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken) =>
        Task.FromResult(Read(source, sample));

    /// <summary>What <paramref name="source"/> gave for <paramref name="sample"/> (a replay never waits).</summary>
    public RawOutput Read(SourceSpec source, int sample) => Read(source, source.Key, sample);

    /// <summary>As above, for a caller that holds the source's <paramref name="key"/> already.</summary>
    public RawOutput Read(SourceSpec source, string key, int sample)
    {
        // A v1 snapshot knows only the whole process table: a scoped processes source replays it as it was recorded.
        if (!_sources.TryGetValue(key, out var recorded) && source is ProcessesSource && snapshot.Version < 2)
            _sources.TryGetValue(new ProcessesSource().Key, out recorded);
        if (recorded is null || recorded.Samples.Count == 0)
            return RawOutput.Failed(snapshot.Host.Time, ReadFailure.NotRecorded, $"{source.Describe()} is not in the snapshot");
        if (sample >= recorded.Samples.Count)
            return RawOutput.Failed(snapshot.Host.Time, ReadFailure.NotRecorded, $"{source.Describe()} has no sample {sample + 1} in the snapshot (recorded as a gauge)");
        return recorded.Samples[sample];
    }
}
