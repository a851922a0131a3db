using NetBufRules.Evaluate;
using NetBufRules.Policy;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Pipeline;

/// <summary>
/// When the probe privilege drop fails (a service whose capability bounding set lacks CAP_SETUID), every command read
/// fails alike: the findings that needed them are errors that say so, in a live run and in the replay of a snapshot
/// collected so, never ok (a cause never looked at) or skipped (read as a missing tool).
/// </summary>
public sealed class PrivilegeDropTests
{
    private const string SetprivSaid = "setpriv: setresuid failed: Operation not permitted";

    /// <summary>The recording with every command read failed at the drop, as collect under such a unit records it.</summary>
    private static Snapshot DropFailed(string name)
    {
        var snapshot = Replay.Load(name);
        return snapshot with
        {
            Sources = [.. snapshot.Sources.Select(s => !s.Key.StartsWith("cmd:", StringComparison.Ordinal) ? s
                : s with { Samples = [.. s.Samples.Select(raw => new RawOutput(raw.Time, "", SetprivSaid + "\n", 127, ReadFailure.PrivilegeDrop,
                    $"{s.Describe} could not run: {ProbePrivileges.DropFailure(127, SetprivSaid)}"))] })],
        };
    }

    [Fact]
    public void Setprivs_own_failure_is_the_drop_and_a_program_that_cannot_start_is_not()
    {
        ProbePrivileges.DropFailure(127, SetprivSaid + "\n").ShouldNotBeNull().ShouldContain("CAP_SETUID, CAP_SETGID and CAP_SETPCAP");
        ProbePrivileges.DropFailure(127, "setpriv: apply capabilities: Operation not permitted").ShouldNotBeNull();
        ProbePrivileges.DropFailure(127, "setpriv: failed to execute ss: No such file or directory").ShouldBeNull();
        ProbePrivileges.DropFailure(1, SetprivSaid).ShouldBeNull();
        ProbePrivileges.DropFailure(127, "ss: " + SetprivSaid).ShouldBeNull();
    }

    [Fact]
    public async Task A_multicast_fault_recorded_without_the_drop_is_an_error_that_names_it_not_ok()
    {
        var plain = await Replay.Run(Replay.Load("netns-multicast-groups"));
        plain["multicast-limits"].Status.ShouldBe(FindingStatus.Fired);

        var results = await Replay.Run(DropFailed("netns-multicast-groups"));

        var multicast = results["multicast-limits"];
        multicast.Status.ShouldBe(FindingStatus.Error);
        multicast.Reason.ShouldContain("not checked, command probes could not run: ss -Huwamnp could not run: the privilege drop failed (" + SetprivSaid + ")");
        multicast.Fixes.ShouldBeEmpty();
    }

    [Fact]
    public async Task On_a_healthy_host_no_finding_that_needed_a_command_says_ok()
    {
        var plain = await Replay.Run(Replay.Load("netns-healthy"));
        var results = await Replay.Run(DropFailed("netns-healthy"));

        var turned = results.Where(r => plain[r.Key].Status is FindingStatus.Ok or FindingStatus.Skipped && r.Value.Status == FindingStatus.Error).Select(r => r.Key).ToList();
        turned.ShouldContain("tcp-backlog");
        turned.ShouldContain("tc-egress-drops");
        foreach (var (id, result) in results.Where(r => r.Value.Status is FindingStatus.Ok or FindingStatus.Skipped))
            result.Finding.SkippedProbes.SelectMany(p => p.Attempts.SelectMany(a => a.Samples))
                .ShouldNotContain(s => s.Failure == ReadFailure.PrivilegeDrop, $"{id} is {result.Status} although a probe it needed failed at the drop");
    }

    [Fact]
    public void A_snapshot_may_record_the_drop_failure_and_reads_it_back()
    {
        var snapshot = DropFailed("netns-multicast-groups");
        var json = SnapshotJson.Write(snapshot);

        var back = SnapshotJson.Read("dropped", json);

        back.Sources.First(s => s.Describe == "ss -Huwamnp").Samples[0].Failure.ShouldBe(ReadFailure.PrivilegeDrop);
    }
}
