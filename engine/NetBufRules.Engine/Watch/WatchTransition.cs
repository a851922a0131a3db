namespace NetBufRules.Watch;

/// <summary>A cause fired (after its hold) or cleared (after staying quiet): what <c>watch</c> prints, one line each.</summary>
/// <param name="Time">The end of the window that decided it.</param>
/// <param name="PlaybookId">The playbook.</param>
/// <param name="Kind">Fired or cleared.</param>
/// <param name="Reason">Why it fired (the report's reason); empty for a clear.</param>
/// <param name="Lasted">For a clear: how long it was fired.</param>
/// <param name="Peak">The highest key measurement while fired, in words, or null when the playbook declares none.</param>
/// <param name="Snapshot">For a fire with the flight recorder on: the snapshot of the window that fired.</param>
internal sealed record WatchTransition(DateTimeOffset Time, string PlaybookId, TransitionKind Kind, string Reason, TimeSpan? Lasted, string? Peak, string? Snapshot)
{
    /// <summary>The same transition naming its snapshot.</summary>
    public WatchTransition WithSnapshot(string path) => this with { Snapshot = path };
}

/// <summary>Which way a cause changed.</summary>
internal enum TransitionKind
{
    /// <summary>The cause started (its condition held for its hold).</summary>
    Fired,

    /// <summary>The cause ended (its condition stayed false for its clear_after).</summary>
    Cleared,
}
