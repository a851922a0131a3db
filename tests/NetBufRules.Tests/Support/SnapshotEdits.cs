using NetBufRules.Probe;
using NetBufRules.Probe.Recording;

namespace NetBufRules.Tests.Support;

/// <summary>Gives a recorded source new, successful output (a host-only file a namespace recorded as missing).</summary>
internal static class SnapshotEdits
{
    public static Snapshot With(this Snapshot snapshot, string describe, params string[] samples) =>
        snapshot with
        {
            Sources = [.. snapshot.Sources.Select(s => s.Describe != describe ? s
                : s with { Samples = [.. samples.Select((stdout, i) => new RawOutput(s.Samples[0].Time.AddSeconds(i), stdout))] })],
        };
}
