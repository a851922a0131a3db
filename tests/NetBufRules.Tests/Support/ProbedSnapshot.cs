using NetBufRules.Evaluate;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Render;

namespace NetBufRules.Tests.Support;

/// <summary>
/// The pack probed once against a recorded snapshot, so that evaluation alone can be repeated (reordered, on several
/// threads) over the same probe results; <see cref="Board"/> holds every finding's verdict from a whole pipeline run.
/// </summary>
internal sealed record ProbedSnapshot(string Name, IReadOnlyList<Playbook> Playbooks, ProbeRun Run, FindingBoard Board, IReadOnlyDictionary<string, RenderedFinding> Report)
{
    /// <summary>Every recorded snapshot in examples/snapshots (drop-reasons/ included), as names Replay.Load takes.</summary>
    public static IReadOnlyList<string> All() =>
        [.. Directory.GetFiles(Repo.Snapshots, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repo.Snapshots, f)[..^".json".Length]).Order(StringComparer.Ordinal)];

    public static async Task<ProbedSnapshot> Of(string name) => await Of(name, Replay.Load(name));

    /// <summary>The pack probed against <paramref name="snapshot"/> (perhaps an edited recording), called <paramref name="name"/>.</summary>
    public static async Task<ProbedSnapshot> Of(string name, Snapshot snapshot)
    {
        var playbooks = PlaybookLoader.Load([Repo.Playbooks]).Playbooks;
        var options = new ProbeRunOptions(TimeSpan.Zero);
        ProbeRun run;
        using (var runner = new ProbeRunner(new SnapshotSourceReader(snapshot), options))
            run = await runner.RunAsync(playbooks);
        var report = await DiagnosisPipeline.RunAsync(playbooks, new ParamOverrides(), new SnapshotSourceReader(snapshot), options, CliRunner.FixedHost);
        var board = new FindingBoard(report.Results.Select(r => FindingVerdict.Of(r.Finding, r.Status, r.Reason)));
        return new ProbedSnapshot(name, playbooks, run, board, report.Results.ToDictionary(r => r.Finding.Playbook.Id, StringComparer.Ordinal));
    }

    /// <summary>
    /// Evaluates and renders <paramref name="playbook"/> (perhaps a reordered copy of a pack playbook) over this
    /// snapshot's probe results, reading the other findings' verdicts from the whole run.
    /// </summary>
    public RenderedFinding Evaluate(Playbook playbook, ConditionEvaluator evaluator, FixRenderer renderer) =>
        renderer.Render(evaluator.Evaluate(playbook, Run.For(playbook.Id), new ParamOverrides().Resolve(playbook), Board));
}
