using NetBufRules.Model;

namespace NetBufRules.Probe;

/// <summary>Reads a source once: the live host, or a recording.</summary>
internal interface ISourceReader
{
    /// <summary>Reads <paramref name="source"/> for sample 0 or 1; failures are data on the result, never exceptions.</summary>
    Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken);
}
