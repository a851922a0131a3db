using System.Collections.Concurrent;
using NetBufRules.Model;
using NetBufRules.Probe.Extract;

namespace NetBufRules.Probe;

/// <summary>
/// Runs every playbook's probes: each source is read once per sample however many probes use it, independent reads
/// run in parallel, alternatives are tried in order, and counters are sampled twice over one shared window.
/// </summary>
public sealed class ProbeRunner(ISourceReader reader, ProbeRunOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<(string Key, int Sample), Lazy<Task<RawOutput>>> _reads = new();
    private readonly SemaphoreSlim _throttle = new(options.MaxParallel);

    /// <summary>Runs the probes of <paramref name="playbooks"/>.</summary>
    public async Task<ProbeRun> RunAsync(IReadOnlyList<Playbook> playbooks, CancellationToken cancellationToken = default)
    {
        var start = DateTimeOffset.UtcNow;
        var jobs = playbooks.SelectMany(p => p.Probes.Select(probe => (Playbook: p, Probe: probe))).ToList();
        var first = await Task.WhenAll(jobs.Select(j => ResolveAsync(j.Probe, cancellationToken))).ConfigureAwait(false);

        var needsSecond = first.Any(r => r.Chosen is not null && r.Probe.Counter);
        if (needsSecond)
        {
            // Timers may wake a little early; the window is a promise, so wait until it has really passed.
            TimeSpan remaining;
            while ((remaining = start + options.Interval - DateTimeOffset.UtcNow) > TimeSpan.Zero)
                await Task.Delay(remaining + TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
        }
        var finals = await Task.WhenAll(first.Select(r => FinishAsync(r, cancellationToken))).ConfigureAwait(false);

        var byPlaybook = new Dictionary<string, IReadOnlyDictionary<string, ProbeResult>>(StringComparer.Ordinal);
        for (var i = 0; i < jobs.Count; i++)
        {
            if (!byPlaybook.TryGetValue(jobs[i].Playbook.Id, out var results))
                byPlaybook[jobs[i].Playbook.Id] = results = new Dictionary<string, ProbeResult>(StringComparer.Ordinal);
            ((Dictionary<string, ProbeResult>)results)[jobs[i].Probe.Name] = finals[i];
        }
        return new ProbeRun(byPlaybook, needsSecond ? DateTimeOffset.UtcNow - start : TimeSpan.Zero);
    }

    private sealed record Resolution(ProbeSpec Probe, ProbeAlternative? Chosen, RawOutput? Raw, ProbeValue? Value, List<ProbeAttempt> Attempts);

    private async Task<Resolution> ResolveAsync(ProbeSpec probe, CancellationToken cancellationToken)
    {
        var attempts = new List<ProbeAttempt>();
        foreach (var alternative in probe.Alternatives)
        {
            var raw = await ReadAsync(alternative.Source, probe.Timeout, 0, cancellationToken).ConfigureAwait(false);
            if (!raw.Succeeded)
            {
                attempts.Add(new ProbeAttempt(alternative.Source.Key, alternative.Source.Describe(), [raw], raw.FailureMessage));
                continue;
            }
            if (alternative.UnusableIf is { } unusable
                && RegexCache.Get(unusable).Match(raw.Stdout + "\n" + raw.Stderr) is { Success: true } hit)
            {
                var what = hit.Value.Trim().Length == 0 ? "it printed nothing (no permission to read it?)" : hit.Value.Trim();
                attempts.Add(new ProbeAttempt(alternative.Source.Key, alternative.Source.Describe(), [raw], $"{alternative.Source.Describe()}: unusable here, {what}"));
                continue;
            }
            try
            {
                var value = Extractor.Extract(alternative.Extract, raw);
                attempts.Add(new ProbeAttempt(alternative.Source.Key, alternative.Source.Describe(), [raw], null));
                if (options.ReadEveryAlternative)
                {
                    foreach (var rest in probe.Alternatives.SkipWhile(a => a != alternative).Skip(1))
                        await ReadAsync(rest.Source, probe.Timeout, 0, cancellationToken).ConfigureAwait(false);
                }
                return new Resolution(probe, alternative, raw, value, attempts);
            }
            catch (ExtractException e)
            {
                attempts.Add(new ProbeAttempt(alternative.Source.Key, alternative.Source.Describe(), [raw], $"{alternative.Source.Describe()}: {e.Message}"));
            }
        }
        return new Resolution(probe, null, null, null, attempts);
    }

    private async Task<ProbeResult> FinishAsync(Resolution r, CancellationToken cancellationToken)
    {
        var name = r.Probe.Name;
        if (r.Chosen is null || r.Raw is null || r.Value is null)
        {
            var allAbsent = r.Attempts.All(a => a.Samples.All(s => s.Failure is ReadFailure.NotFound or ReadFailure.NonZeroExit));
            var reason = r.Probe.Absent is { } absent && allAbsent ? absent : string.Join("; ", r.Attempts.Select(a => a.FailedBecause));
            return ProbeResult.Skipped(name, reason, r.Attempts);
        }
        var source = r.Chosen.Source.Describe();
        var note = r.Raw.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (!r.Probe.Counter)
            return new ProbeResult(name, ProbeStatus.Ok, r.Value, source, null, r.Raw.Truncated, r.Attempts, note);

        var second = await ReadAsync(r.Chosen.Source, r.Probe.Timeout, 1, cancellationToken).ConfigureAwait(false);
        if (options.ReadEveryAlternative)
        {
            foreach (var rest in r.Probe.Alternatives.SkipWhile(a => a != r.Chosen).Skip(1))
                await ReadAsync(rest.Source, r.Probe.Timeout, 1, cancellationToken).ConfigureAwait(false);
        }
        var attempts = r.Attempts.Take(r.Attempts.Count - 1)
            .Append(new ProbeAttempt(r.Chosen.Source.Key, source, [r.Raw, second], second.FailureMessage)).ToList();
        if (!second.Succeeded)
            return ProbeResult.Skipped(name, $"second sample failed: {second.FailureMessage}", attempts);
        try
        {
            var later = Extractor.Extract(r.Chosen.Extract, second);
            var seconds = (second.Time - r.Raw.Time).TotalSeconds;
            var value = CounterMath.Combine(r.Value, later, seconds, r.Probe.Key);
            return new ProbeResult(name, ProbeStatus.Ok, value, source, null, r.Raw.Truncated || second.Truncated, attempts, note);
        }
        catch (ExtractException e)
        {
            return ProbeResult.Skipped(name, $"second sample of {source}: {e.Message}", attempts);
        }
    }

    private Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken) =>
        _reads.GetOrAdd((source.Key, sample), _ => new Lazy<Task<RawOutput>>(async () =>
        {
            await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await reader.ReadAsync(source, timeout, sample, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _throttle.Release();
            }
        })).Value;

    /// <summary>Releases the read throttle.</summary>
    public void Dispose() => _throttle.Dispose();
}
