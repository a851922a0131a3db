namespace NetBufRules.Probe.Recording;

/// <summary>What a host's probes printed at one time: every source read, each sample, plus host facts.</summary>
public sealed record Snapshot(HostInfo Host, double IntervalSeconds, IReadOnlyList<SnapshotSource> Sources)
{
    /// <summary>The format this build writes and reads.</summary>
    public const string Format = "netbufrules/snapshot/v1";
}

/// <summary>One source and its samples (one for gauges, two for counters).</summary>
public sealed record SnapshotSource(string Key, string Describe, IReadOnlyList<RawOutput> Samples);
