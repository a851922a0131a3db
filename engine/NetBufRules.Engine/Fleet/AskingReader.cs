using NetBufRules.Model;
using NetBufRules.Probe;

namespace NetBufRules.Fleet;

/// <summary>Answers a playbook's probes from a host's snapshot and remembers what they asked (for <see cref="VerdictMemo"/>).</summary>
internal sealed class AskingReader(HostAnswers host) : ISourceReader
{
    private readonly List<Read> _asked = [];

    /// <summary>Every read answered so far, in the order asked.</summary>
    public IReadOnlyList<Read> Asked
    {
        get
        {
            lock (_asked) return [.. _asked];
        }
    }

    public Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_asked)
        {
            var read = new Read(source, source.Key, sample);
            _asked.Add(read);
            return Task.FromResult(host.Get(read).Raw);
        }
    }
}
