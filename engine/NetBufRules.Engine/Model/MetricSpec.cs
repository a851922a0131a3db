using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>A key measurement a playbook declares (<c>metrics:</c>): an NCalc expression giving a number, its unit and help text.</summary>
internal sealed record MetricSpec(string Name, LocatedText Value, MetricUnit Unit, string Help, SourcePosition Position)
{
    /// <summary>The name in words, for people: <c>listen_overflows</c> is "listen overflows".</summary>
    public string Words => Name.Replace('_', ' ');
}

/// <summary>What a measurement counts; it picks the Prometheus suffix and how a value is written for people.</summary>
internal enum MetricUnit
{
    /// <summary>Events per second over the sampling window (suffix <c>_per_second</c>).</summary>
    PerSecond,

    /// <summary>A fill level between 0 and 1 (suffix <c>_ratio</c>).</summary>
    Ratio,

    /// <summary>Bytes (suffix <c>_bytes</c>).</summary>
    Bytes,

    /// <summary>Seconds (suffix <c>_seconds</c>).</summary>
    Seconds,

    /// <summary>A plain number of things (no suffix).</summary>
    Count,
}
