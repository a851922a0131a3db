using System.Collections.Concurrent;
using NetBufRules.Model;

namespace NetBufRules.Probe.Recording;

/// <summary>Passes reads to another reader and keeps every output, so a run can be saved and replayed.</summary>
internal sealed class RecordingSourceReader(ISourceReader inner) : ISourceReader
{
    private readonly ConcurrentDictionary<(string Key, int Sample), (SourceSpec Source, RawOutput Output)> _reads = new();

    public async Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken)
    {
        var output = await inner.ReadAsync(source, timeout, sample, cancellationToken).ConfigureAwait(false);
        _reads[(source.Key, sample)] = (source, output);
        return output;
    }

    /// <summary>Everything read so far, sources in a stable order.</summary>
    public IReadOnlyList<SnapshotSource> Sources() =>
        [.. _reads.GroupBy(r => r.Key.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SnapshotSource(g.Key, g.First().Value.Source.Describe(), [.. g.OrderBy(r => r.Key.Sample).Select(r => r.Value.Output)]))];
}
