using NetBufRules.Model;

namespace NetBufRules.Evaluate;

/// <summary>
/// Whether one condition held; <see cref="SignalState.Unknown"/> when a probe it needs was skipped, or when it found no
/// culprit in a table whose rows could not all be read (<see cref="Unread"/>).
/// </summary>
internal sealed record SignalOutcome(Signal Signal, SignalState State, string? UnknownReason)
{
    /// <summary>Unknown because rows it read could not all be read (processes not readable without root), not for a skipped probe.</summary>
    public bool Unread { get; init; }
}

/// <summary>A condition's truth on this host.</summary>
internal enum SignalState
{
    True,
    False,
    Unknown,
}
