using NetBufRules.Model;

namespace NetBufRules.Evaluate;

/// <summary>Whether one condition held; <see cref="SignalState.Unknown"/> when a probe it needs was skipped.</summary>
internal sealed record SignalOutcome(Signal Signal, SignalState State, string? UnknownReason);

/// <summary>A condition's truth on this host.</summary>
internal enum SignalState
{
    True,
    False,
    Unknown,
}
