namespace NetBufRules.Probe;

/// <summary>One alternative tried for a probe: its source, its raw samples, and why it was passed over (if it was).</summary>
internal sealed record ProbeAttempt(string SourceKey, string Source, IReadOnlyList<RawOutput> Samples, string? FailedBecause);
