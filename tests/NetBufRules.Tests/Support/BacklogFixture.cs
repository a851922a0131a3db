using NetBufRules.Probe.Recording;

namespace NetBufRules.Tests.Support;

/// <summary>
/// The netns-backlog recording with somaxconn at 1024, for the tests of the fix command: recorded at 4096 and 2048,
/// both at their recommendation, tcp-backlog's file would change nothing, so none is written there.
/// </summary>
internal static class BacklogFixture
{
    public static Snapshot Load() =>
        Replay.Load("netns-backlog").Replace("/proc/sys/net/core/somaxconn", "1024\n").Replace("sysctl -n net.core.somaxconn", "1024\n");
}
