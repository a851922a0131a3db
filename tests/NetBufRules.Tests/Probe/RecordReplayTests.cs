using NetBufRules.Load;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe;

/// <summary>collect then run --from: the replay of a live run on this machine gives that run's verdicts.</summary>
public sealed class RecordReplayTests
{
    [Fact]
    public async Task Replaying_what_a_live_run_recorded_gives_the_same_verdicts_reasons_and_fixes()
    {
        var playbooks = PlaybookLoader.Load([Repo.Playbooks]).Playbooks;
        var recorder = new RecordingSourceReader(new LiveSourceReader());
        var live = await DiagnosisPipeline.RunAsync(playbooks, new ParamOverrides(), recorder,
            new ProbeRunOptions(TimeSpan.FromMilliseconds(300)) { ReadEveryAlternative = true }, CliRunner.FixedHost);
        var snapshot = new Snapshot(new HostInfo("h", "k", DateTimeOffset.UnixEpoch, true, "n"), 0.3, recorder.Sources());
        var replayed = await DiagnosisPipeline.RunAsync(playbooks, new ParamOverrides(),
            new SnapshotSourceReader(SnapshotJson.Read("s.json", SnapshotJson.Write(snapshot))), new ProbeRunOptions(TimeSpan.Zero), CliRunner.FixedHost);
        replayed.Results.Select(r => (r.Finding.Playbook.Id, r.Status, r.Reason, Fixes: string.Join("|", r.Fixes.Select(f => f.Content))))
            .ShouldBe(live.Results.Select(r => (r.Finding.Playbook.Id, r.Status, r.Reason, Fixes: string.Join("|", r.Fixes.Select(f => f.Content)))));
    }
}
