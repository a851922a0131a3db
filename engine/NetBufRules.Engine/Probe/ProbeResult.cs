namespace NetBufRules.Probe;

/// <summary>A probe's outcome: its value from the first alternative that worked, or why it was skipped.</summary>
internal sealed record ProbeResult(
    string Name,
    ProbeStatus Status,
    ProbeValue? Value,
    string? Source,
    string? SkipReason,
    bool Truncated,
    IReadOnlyList<ProbeAttempt> Attempts,
    string? Note = null)
{
    /// <summary>An unexpected failure (a bug, not an observation) while this probe was read or extracted; its playbook becomes an error.</summary>
    public string? Fault { get; init; }

    public static ProbeResult Skipped(string name, string reason, IReadOnlyList<ProbeAttempt> attempts) =>
        new(name, ProbeStatus.Skipped, null, null, reason, false, attempts);
}
