using System.Text;
using System.Text.Json;
using NetBufRules.Evaluate;
using NetBufRules.Render;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Evaluate;

/// <summary>
/// Evaluating a finding is a function of the compiled playbook, the probe values, the params and the verdicts it reads:
/// nothing is shared between evaluations, so one evaluator and one renderer serve several threads at once.
/// </summary>
public sealed class ConcurrentEvaluationTests
{
    [Fact]
    public async Task The_same_compiled_set_evaluated_on_several_threads_at_once_gives_identical_results()
    {
        var snapshots = await Task.WhenAll(ProbedSnapshot.All().Select(ProbedSnapshot.Of));
        var expected = snapshots.Select(s => Signature(s, new ConditionEvaluator(), new FixRenderer())).ToList();
        expected.Distinct().Count().ShouldBeGreaterThan(5, "the snapshots must give different verdicts, or the comparison proves little");
        var evaluator = new ConditionEvaluator();
        var renderer = new FixRenderer();
        using var start = new Barrier(8);
        var results = new string[8][];
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            // Each thread walks the snapshots from a different one, so different playbooks and rows meet at the same time.
            results[t] = [.. Enumerable.Range(0, snapshots.Length * 3).Select(k => (k + t) % snapshots.Length)
                .Select(i => $"{i}:{Signature(snapshots[i], evaluator, renderer)}")];
        })).ToList();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        foreach (var result in results)
        {
            foreach (var line in result)
            {
                var i = int.Parse(line[..line.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
                line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].ShouldBe(expected[i], snapshots[i].Name);
            }
        }
    }

    /// <summary>Every finding of the pack on one snapshot: status, reason, evidence and fixes, as one text.</summary>
    private static string Signature(ProbedSnapshot snapshot, ConditionEvaluator evaluator, FixRenderer renderer)
    {
        var text = new StringBuilder();
        foreach (var playbook in snapshot.Playbooks)
        {
            var result = snapshot.Evaluate(playbook, evaluator, renderer);
            text.Append(playbook.Id).Append(' ').Append(result.Status).Append(' ').Append(result.Reason).Append('\n');
            text.Append(JsonSerializer.Serialize(result.Finding.Evidence)).Append('\n');
            foreach (var fix in result.Fixes) text.Append(fix.Path).Append('\n').Append(fix.Content).Append('\n');
        }
        return text.ToString();
    }
}
