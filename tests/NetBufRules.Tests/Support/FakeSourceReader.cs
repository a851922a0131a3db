using System.Collections.Concurrent;
using NetBufRules.Model;
using NetBufRules.Probe;

namespace NetBufRules.Tests.Support;

/// <summary>Answers reads from a table of outputs per source description and sample, and counts the reads.</summary>
internal sealed class FakeSourceReader : ISourceReader
{
    private readonly Dictionary<string, string[]> _outputs = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public ConcurrentDictionary<string, int> Reads { get; } = new(StringComparer.Ordinal);

    /// <summary>What <paramref name="describe"/> (e.g. "nstat -asz --json" or "/proc/net/snmp") prints at each sample.</summary>
    public FakeSourceReader With(string describe, params string[] samples)
    {
        _outputs[describe] = samples;
        return this;
    }

    public Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken)
    {
        var describe = source.Describe();
        Reads.AddOrUpdate(describe, 1, (_, n) => n + 1);
        var time = _start.AddSeconds(2 * sample);
        if (!_outputs.TryGetValue(describe, out var samples))
            return Task.FromResult(RawOutput.Failed(time, ReadFailure.NotFound, $"{describe} not found"));
        return Task.FromResult(new RawOutput(time, samples[Math.Min(sample, samples.Length - 1)]));
    }
}
