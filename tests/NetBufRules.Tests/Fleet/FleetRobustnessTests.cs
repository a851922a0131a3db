using NetBufRules.Fleet;
using NetBufRules.Load;
using NetBufRules.Params;
using NetBufRules.Tests.Hostile;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Fleet;

/// <summary>
/// A fleet is thousands of files from many hosts: one hostile snapshot is that snapshot's error, and Ctrl-C ends the
/// replay as an interruption, never a process killed by an exception on a worker thread.
/// </summary>
public sealed class FleetRobustnessTests
{
    [Fact]
    public async Task A_snapshot_with_an_unreadable_string_is_refused_by_name_in_a_fleet_and_alone()
    {
        using var scratch = new RobustnessScratch();
        var good = File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-healthy.json"));
        scratch.Write("fleet/a.json", good);
        // An unpaired surrogate escape: valid JSON, but no .NET string; the checks read the key before anything else.
        var bad = scratch.Write("fleet/b.json", good.Replace("\"key\": \"", "\"key\": \"\\ud800", StringComparison.Ordinal));
        var (fleetCode, _, fleetError) = await CliRunner.Run("run", Repo.Playbooks, "--from", Path.Combine(scratch.Root, "fleet"));
        fleetCode.ShouldBe(2);
        fleetError.ShouldContain("b.json");
        fleetError.ShouldNotContain("internal error");
        var (code, _, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", bad);
        code.ShouldBe(2);
        error.ShouldContain("b.json");
        error.ShouldNotContain("internal error");
    }

    [Fact]
    public void A_cancelled_replay_ends_with_a_cancellation_on_the_callers_thread()
    {
        // Far more hosts than can be replayed before the token is cancelled, so it always lands mid-replay.
        var files = Enumerable.Repeat(Directory.GetFiles(Repo.Snapshots, "*.json"), 200).SelectMany(f => f).ToList();
        var playbooks = PlaybookLoader.Load([Repo.Playbooks]).Playbooks;
        using var texts = new VerdictTexts();
        using var cancel = new CancellationTokenSource();
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
        // Without the workers catching it, the cancellation would end the test process, not fail this test. Without
        // the verdict memo, which would answer these 200 copies of 19 hosts from the first 19.
        var thrown = Record.Exception(() => FleetReplay.Run(files, playbooks, new ParamOverrides(), 2, texts, cancel.Token, remember: false));
        thrown.ShouldBeAssignableTo<OperationCanceledException>($"{thrown}");
    }
}
