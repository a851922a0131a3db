using System.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Render;
using NetBufRules.Report;

namespace NetBufRules.Testing;

/// <summary>Runs test cases through the whole pipeline (extractors, conditions, templates) against given outputs.</summary>
internal static class PlaybookTestRunner
{
    private static readonly HostInfo TestHost = new("test", "test", DateTimeOffset.UnixEpoch, true, "test");

    public static Task<TestOutcome> RunAsync(PlaybookTest test, Playbook playbook, CancellationToken cancellationToken = default) =>
        RunAsync(test, playbook, Policy.SafetyPolicy.Default, cancellationToken);

    /// <summary>Runs one test under <paramref name="policy"/> (the repository's, as run and lint use it).</summary>
    public static async Task<TestOutcome> RunAsync(PlaybookTest test, Playbook playbook, Policy.SafetyPolicy policy, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var failures = new List<string>();
        try
        {
            var reader = new CaseSourceReader(test, playbook);
            var overrides = new ParamOverrides();
            foreach (var (name, value) in test.Set) overrides.AddAssignment($"{name}={value}");
            var problems = overrides.Check([playbook]);
            if (problems.Count > 0) return new TestOutcome(test, problems, watch.Elapsed);
            var report = await DiagnosisPipeline.RunAsync([playbook], overrides, reader, new ProbeRunOptions(TimeSpan.Zero) { Policy = policy }, TestHost, TestFindings.Board(test), cancellationToken).ConfigureAwait(false);
            Check(test.Expect, report.Results[0], failures);
        }
        catch (Exception e) when (e is SnapshotException or ParamOverrideException)
        {
            failures.Add(e.Message);
        }
        return new TestOutcome(test, failures, watch.Elapsed);
    }

    private static void Check(TestExpectation expect, RenderedFinding result, List<string> failures)
    {
        var status = StatusWords.Of(result.Status);
        if (expect.Status is not null && expect.Status != status)
            failures.Add($"status: expected {expect.Status}, got {status}\n      reason: {result.Reason}");
        foreach (var text in expect.ReasonContains.Where(t => !result.Reason.Contains(t, StringComparison.Ordinal)))
            failures.Add($"reason: expected to contain \"{text}\"\n      actual: {result.Reason}");
        foreach (var text in expect.ReasonNotContains.Where(t => result.Reason.Contains(t, StringComparison.Ordinal)))
            failures.Add($"reason: expected not to contain \"{text}\"\n      actual: {result.Reason}");
        foreach (var (name, expected) in expect.Evidence)
        {
            var actual = result.Finding.Evidence.TryGetValue(name, out var value) ? value.Plain : "(not in the evidence)";
            if (actual != expected) failures.Add($"evidence {name}: expected {expected}, got {actual}");
        }
        var contents = string.Join("\n", result.Fixes.Select(f => $"# {f.Path}\n{f.Content}"));
        foreach (var text in expect.FixContains.Where(t => !contents.Contains(t, StringComparison.Ordinal)))
            failures.Add($"fix: expected to contain \"{text}\"\n      actual fixes:\n{Indent(contents.Length == 0 ? "(none)" : contents)}");
        foreach (var text in expect.FixNotContains.Where(t => contents.Contains(t, StringComparison.Ordinal)))
            failures.Add($"fix: expected not to contain \"{text}\"\n      actual fixes:\n{Indent(contents)}");
        if (expect.Fixes is { } count && count != result.Fixes.Count)
            failures.Add($"fixes: expected {count}, got {result.Fixes.Count}");
    }

    private static string Indent(string text) => string.Join("\n", text.TrimEnd('\n').Split('\n').Select(l => "        | " + l));

    /// <summary>Outputs of one case: inline per probe (its first source) or per source, else the snapshot's.</summary>
    private sealed class CaseSourceReader : ISourceReader
    {
        private readonly Dictionary<string, IReadOnlyList<string>> _inline = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _failing = new(StringComparer.Ordinal);
        private readonly SnapshotSourceReader? _snapshot;
        private readonly List<(string Key, System.Text.RegularExpressions.Regex Pattern)> _templates = [];

        public CaseSourceReader(PlaybookTest test, Playbook playbook)
        {
            foreach (var (name, samples) in test.ProbeOutputs)
            {
                var probe = playbook.Probes.FirstOrDefault(p => p.Name == name)
                    ?? throw new SnapshotException($"{test.File}: test '{test.Name}' gives output for '{name}', which is not a probe of {playbook.Id}");
                _inline[probe.Alternatives[0].Source.Key] = samples;
            }
            // A source is named as explain shows it; a program's name alone (ss, dmesg) names every command of that program.
            var named = TestReferences.SourceKeys(playbook);
            IEnumerable<string> KeysOf(string describe, string what) =>
                named.TryGetValue(describe, out var keys) ? keys
                : throw new SnapshotException($"{test.File}: test '{test.Name}' {what} source '{describe}', which no probe of {playbook.Id} reads");
            foreach (var (describe, samples) in test.SourceOutputs)
            {
                foreach (var key in KeysOf(describe, "gives output for")) _inline[key] = samples;
            }
            foreach (var (describe, text) in test.SourceFailures)
            {
                foreach (var key in KeysOf(describe, "says fails")) _failing[key] = text;
            }
            foreach (var (name, text) in test.ProbeFailures)
            {
                var probe = playbook.Probes.FirstOrDefault(p => p.Name == name)
                    ?? throw new SnapshotException($"{test.File}: test '{test.Name}' says '{name}' fails, which is not a probe of {playbook.Id}");
                _failing[probe.Alternatives[0].Source.Key] = text;
            }
            foreach (var source in playbook.Probes.Where(p => p.Each is not null).SelectMany(p => p.Alternatives).Select(a => a.Source).Where(s => _inline.ContainsKey(s.Key)))
            {
                var pattern = "^" + System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Escape(source.Key), @"\\\{[A-Za-z_][A-Za-z0-9_]*}", "[^\u0001/]+") + "$";
                _templates.Add((source.Key, new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant)));
            }
            if (test.SnapshotFile is { } file) _snapshot = new SnapshotSourceReader(SnapshotJson.ReadFile(file));
        }

        public Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken)
        {
            var time = DateTimeOffset.UnixEpoch.AddSeconds(sample);
            // A probe run per row ('each') reads a bound source; the case gives its output once, for every row.
            var key = _inline.ContainsKey(source.Key) ? source.Key : _templates.FirstOrDefault(t => t.Pattern.IsMatch(source.Key)).Key ?? source.Key;
            if (_failing.TryGetValue(source.Key, out var failure))
            {
                // A source the test declares failing: permission errors read as such, anything else as a failed command.
                var denied = failure.Contains("permission denied", StringComparison.OrdinalIgnoreCase) || failure.Contains("not permitted", StringComparison.OrdinalIgnoreCase);
                return Task.FromResult(RawOutput.Failed(time, denied ? ReadFailure.PermissionDenied : ReadFailure.NonZeroExit,
                    $"{source.Describe()} failed: {failure} (the test says so)", failure, denied ? null : 1));
            }
            if (_inline.TryGetValue(key, out var samples) && samples.Count == 0)
            {
                // An empty list is a source that does not exist here (a tool not installed, a file the kernel lacks).
                return Task.FromResult(RawOutput.Failed(time, ReadFailure.NotFound, $"{source.Describe()} does not exist here (the test says so)"));
            }
            if (_inline.TryGetValue(key, out samples))
            {
                // One sample for a counter means it did not move.
                return Task.FromResult(new RawOutput(time, samples[Math.Min(sample, samples.Count - 1)]));
            }
            return _snapshot?.ReadAsync(source, timeout, sample, cancellationToken)
                ?? Task.FromResult(RawOutput.Failed(time, ReadFailure.NotRecorded, $"{source.Describe()} is not given by the test"));
        }
    }
}
