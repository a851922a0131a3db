namespace NetBufRules.Probe.Extract;

/// <summary>The output did not hold what the extractor looked for; the probe moves to its next fallback.</summary>
internal sealed class ExtractException(string message, Exception? inner = null) : Exception(message, inner);
