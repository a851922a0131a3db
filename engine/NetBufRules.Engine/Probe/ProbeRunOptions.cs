namespace NetBufRules.Probe;

/// <summary>How probes are run: the counter sampling window and how many reads run at once.</summary>
internal sealed record ProbeRunOptions(TimeSpan Interval, int MaxParallel = 8)
{
    /// <summary>Also read the alternatives after the first that works (for snapshots that can replay a host lacking a tool).</summary>
    public bool ReadEveryAlternative { get; init; }

    /// <summary>The policy the run follows (the repository's config applied): where its fixes may write.</summary>
    public Policy.SafetyPolicy Policy { get; init; } = NetBufRules.Policy.SafetyPolicy.Default;

    /// <summary>Extraction results shared across runs (a fleet replay's hosts); null extracts afresh every time.</summary>
    public Extract.ExtractionMemo? Memo { get; init; }

    /// <summary>The rows an <c>each:</c> probe reads for (its table's <c>where</c> applied); null reads for every row.</summary>
    public IEachRows? EachRows { get; init; }

    /// <summary>The clock an each-probe's total time is measured on (tests give one that moves as they say).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The default sampling window for counters.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);
}
