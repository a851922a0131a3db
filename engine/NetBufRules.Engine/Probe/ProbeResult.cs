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

    /// <summary>
    /// Why rows of this table are missing, when some could not be read (<c>89 processes not readable ...</c>): a
    /// condition that finds no culprit among the rows that were read has not shown there is none.
    /// </summary>
    public string? Unread { get; init; }

    public static ProbeResult Skipped(string name, string reason, IReadOnlyList<ProbeAttempt> attempts) =>
        new(name, ProbeStatus.Skipped, null, null, reason, false, attempts);
}
