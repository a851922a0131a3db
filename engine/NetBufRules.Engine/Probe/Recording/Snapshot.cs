namespace NetBufRules.Probe.Recording;

/// <summary>What a host's probes printed at one time: every source read, each sample, plus host facts.</summary>
internal sealed record Snapshot(HostInfo Host, double IntervalSeconds, IReadOnlyList<SnapshotSource> Sources)
{
    /// <summary>The format this build writes (v2: a sample may carry a typed table); it reads v1 too.</summary>
    public const string Format = "netbufrules/snapshot/v2";

    /// <summary>The older format still read: the same, with the process table as text.</summary>
    public const string FormatV1 = "netbufrules/snapshot/v1";

    /// <summary>The format version the snapshot was read from (this build writes 2).</summary>
    public int Version { get; init; } = 2;
}

/// <summary>One source and its samples (one for gauges, two for counters).</summary>
internal sealed record SnapshotSource(string Key, string Describe, IReadOnlyList<RawOutput> Samples);
