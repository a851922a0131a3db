using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Render;

namespace NetBufRules.Fleet;

/// <summary>
/// One host of a fleet replay, playbook by playbook in dependency order: a playbook whose questions this host answers
/// as an earlier host did takes that host's verdict from the <see cref="VerdictMemo"/>; any other is probed, evaluated
/// and rendered as <see cref="DiagnosisPipeline"/> does, and remembered.
/// </summary>
internal sealed class FleetHost
{
    private readonly (Playbook Playbook, int[] Indices, IReadOnlyDictionary<string, object> Parameters)[] _order;
    private readonly int _count;
    private readonly ProbeRunOptions _options;
    private readonly VerdictMemo? _memo;
    private readonly ConditionEvaluator _evaluator = new();
    private readonly FixRenderer _renderer;

    /// <summary>Replays <paramref name="playbooks"/> (their params resolved once) with <paramref name="memo"/>, or without one when null.</summary>
    public FleetHost(IReadOnlyList<Playbook> playbooks, ParamOverrides overrides, ProbeRunOptions options, VerdictMemo? memo)
    {
        // Results keep the given order (a playbook listed twice reports twice, as in a single-host run).
        var sorted = FindingOrder.Sort(playbooks).Distinct(ReferenceEqualityComparer.Instance).Cast<Playbook>();
        _order = [.. sorted.Select(p => (p, Enumerable.Range(0, playbooks.Count).Where(i => ReferenceEquals(playbooks[i], p)).ToArray(), overrides.Resolve(p)))];
        _count = playbooks.Count;
        _options = options;
        _memo = memo;
        _renderer = new FixRenderer(options.Policy);
    }

    /// <summary>The verdict of <paramref name="snapshot"/>, labelled; its reasons are kept in <paramref name="texts"/>.</summary>
    public HostVerdict Replay(string label, Snapshot snapshot, VerdictTexts texts, CancellationToken cancellationToken)
    {
        var reader = new SnapshotSourceReader(snapshot);
        var host = new HostAnswers(reader);
        var board = new FindingBoard();
        var results = new PlaybookVerdict[_count];
        foreach (var (playbook, indices, parameters) in _order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_memo?.Find(playbook, host, board) is { } known)
            {
                board.Add(known.Board);
                foreach (var i in indices) results[i] = known.Verdict;
                continue;
            }
            var asking = new AskingReader(host);
            ProbeRun run;
            using (var runner = new ProbeRunner(asking, _options))
                run = runner.RunAsync([playbook], cancellationToken).GetAwaiter().GetResult();
            var read = new List<string>();
            board.ReadLog = read;
            RenderedFinding result;
            try
            {
                result = PlaybookFault.Contain(playbook, run.For(playbook.Id), parameters, _evaluator, _renderer, board);
            }
            finally
            {
                board.ReadLog = null;
            }
            var verdict = new VerdictMemo.Known(HostVerdicts.Of(result, texts), FindingVerdict.Of(result.Finding, result.Status, result.Reason));
            // An error may be a bug met once (an internal error), and a regex that ran out of time a race with the
            // clock, rather than an answer to the questions: neither is reused.
            if (result.Status != FindingStatus.Error && !RacedTheClock(run.For(playbook.Id)))
                _memo?.Remember(playbook, asking.Asked, read, host, board, verdict);
            board.Add(verdict.Board);
            foreach (var i in indices) results[i] = verdict.Verdict;
        }
        return new HostVerdict(label, HostVerdicts.Share(texts, snapshot.Host.Hostname), HostVerdicts.Share(texts, snapshot.Host.Kernel), results);
    }

    /// <summary>Whether a probe, or an alternative it passed over, was refused because a regex ran out of time.</summary>
    private static bool RacedTheClock(IReadOnlyDictionary<string, ProbeResult> probes) =>
        probes.Values.Any(p => TimedOut(p.SkipReason) || TimedOut(p.Note) || p.Attempts.Any(a => TimedOut(a.FailedBecause)));

    private static bool TimedOut(string? reason) => reason?.Contains(Primitives.Limits.RegexTimedOut, StringComparison.Ordinal) == true;
}
