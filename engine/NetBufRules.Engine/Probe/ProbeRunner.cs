using System.Collections.Concurrent;
using NetBufRules.Model;
using NetBufRules.Primitives;
using NetBufRules.Probe.Extract;

namespace NetBufRules.Probe;

/// <summary>
/// Runs every playbook's probes: each source is read once per sample however many probes use it, independent reads
/// run in parallel, alternatives are tried in order, and counters are sampled twice over one shared window.
/// </summary>
internal sealed class ProbeRunner(ISourceReader reader, ProbeRunOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<(string Key, int Sample), Lazy<Task<RawOutput>>> _reads = new();
    private readonly SemaphoreSlim _throttle = new(options.MaxParallel);

    /// <summary>Runs the probes of <paramref name="playbooks"/>.</summary>
    public async Task<ProbeRun> RunAsync(IReadOnlyList<Playbook> playbooks, CancellationToken cancellationToken = default)
    {
        var start = DateTimeOffset.UtcNow;
        var jobs = playbooks.SelectMany(p => p.Probes.Select(probe => (Playbook: p, Probe: probe))).ToList();
        // A probe with 'each' waits for its table probe's first sample (EachProbe); every other one starts now.
        var first = await Task.WhenAll(jobs.Select(j => j.Probe.Each is null ? ContainedResolveAsync(j.Probe, cancellationToken) : Task.FromResult<Resolution>(null!))).ConfigureAwait(false);

        var needsSecond = first.Any(r => r is not null && r.Chosen is not null && (r.Probe.Counter || r.Chosen.Source.SpansWindow));
        if (needsSecond)
        {
            // The window is a promise: wait until it has really passed.
            await Clock.DelayUntilAsync(start + options.Interval, cancellationToken).ConfigureAwait(false);
        }
        var finals = new ProbeResult[jobs.Count];
        var plain = Enumerable.Range(0, jobs.Count).Where(i => first[i] is not null).ToList();
        var measured = await Task.WhenAll(plain.Select(i => ContainedFinishAsync(first[i], cancellationToken))).ConfigureAwait(false);
        for (var k = 0; k < plain.Count; k++) finals[plain[k]] = measured[k];
        // A probe with 'each' reads for the rows its table's 'where' keeps, which may read the other probes' final
        // samples (a rate), so it runs once they are in.
        var each = Enumerable.Range(0, jobs.Count).Where(i => first[i] is null).ToList();
        var read = await Task.WhenAll(each.Select(i => RunEachAsync(jobs, first, finals, i, cancellationToken))).ConfigureAwait(false);
        for (var k = 0; k < each.Count; k++) finals[each[k]] = read[k];

        var byPlaybook = new Dictionary<string, IReadOnlyDictionary<string, ProbeResult>>(StringComparer.Ordinal);
        for (var i = 0; i < jobs.Count; i++)
        {
            if (!byPlaybook.TryGetValue(jobs[i].Playbook.Id, out var results))
                byPlaybook[jobs[i].Playbook.Id] = results = new Dictionary<string, ProbeResult>(StringComparer.Ordinal);
            ((Dictionary<string, ProbeResult>)results)[jobs[i].Probe.Name] = finals[i];
        }
        return new ProbeRun(byPlaybook, needsSecond ? DateTimeOffset.UtcNow - start : TimeSpan.Zero);
    }

    /// <summary>
    /// Job <paramref name="index"/> (a probe with 'each') once per row of its playbook's table probe: the rows its
    /// 'where' keeps when that can be told from the other probes (<see cref="ProbeRunOptions.EachRows"/>), else every
    /// row as first sampled.
    /// </summary>
    private Task<ProbeResult> RunEachAsync(List<(Playbook Playbook, ProbeSpec Probe)> jobs, Resolution[] first, ProbeResult[] finals, int index, CancellationToken cancellationToken)
    {
        var (playbook, probe) = jobs[index];
        var table = jobs.FindIndex(j => j.Playbook == playbook && j.Probe.Name == probe.Each);
        var resolution = table >= 0 ? first[table] : null;
        var reason = resolution is null ? "no such probe" : string.Join("; ", resolution.Attempts.Select(a => a.FailedBecause).OfType<string>());
        var rows = resolution?.Value;
        if (resolution is not null && jobs[table].Probe.Where is not null && options.EachRows is { } filter && finals[table] is { Status: ProbeStatus.Ok, Value: TableValue })
        {
            var measured = new Dictionary<string, ProbeResult>(StringComparer.Ordinal);
            for (var i = 0; i < jobs.Count; i++)
                if (jobs[i].Playbook == playbook && finals[i] is { } result) measured[jobs[i].Probe.Name] = result;
            rows = filter.Kept(playbook, jobs[table].Probe, measured) ?? rows;
        }
        return EachProbe.RunAsync(probe, rows, reason, (source, timeLeft) => ReadAsync(source, timeLeft, 0, cancellationToken), options.Clock);
    }

    private sealed record Resolution(ProbeSpec Probe, ProbeAlternative? Chosen, RawOutput? Raw, ProbeValue? Value, List<ProbeAttempt> Attempts)
    {
        public string? Fault { get; init; }
    }

    // One probe's bug stays that probe's (and so its playbook's) error: every other probe and playbook still reports.
    private async Task<Resolution> ContainedResolveAsync(ProbeSpec probe, CancellationToken cancellationToken)
    {
        try
        {
            return await ResolveAsync(probe, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new Resolution(probe, null, null, null, []) { Fault = $"{e.GetType().Name}: {e.Message}" };
        }
    }

    private async Task<ProbeResult> ContainedFinishAsync(Resolution r, CancellationToken cancellationToken)
    {
        if (r.Fault is not null)
            return ProbeResult.Skipped(r.Probe.Name, $"internal error: {r.Fault}", r.Attempts) with { Fault = r.Fault };
        try
        {
            return await FinishAsync(r, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var fault = $"{e.GetType().Name}: {e.Message}";
            return ProbeResult.Skipped(r.Probe.Name, $"internal error: {fault}", r.Attempts) with { Fault = fault };
        }
    }

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
            // A window source has nothing to extract yet: sample 0 only started it.
            if (alternative.Source.SpansWindow)
                return new Resolution(probe, alternative, raw, null, [.. attempts, new ProbeAttempt(alternative.Source.Key, alternative.Source.Describe(), [raw], null)]);
            if (alternative.UnusableIf is { } unusable && Unusable(unusable, raw) is { } what)
            {
                attempts.Add(new ProbeAttempt(alternative.Source.Key, alternative.Source.Describe(), [raw], $"{alternative.Source.Describe()}: unusable here, {what}"));
                continue;
            }
            try
            {
                var value = Extractor.Extract(alternative.Extract, raw, options.Memo);
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

    /// <summary>Why <c>unusable_if</c> refuses this output, or null; a regex that runs past its time limit refuses it too, saying so.</summary>
    private static string? Unusable(string pattern, RawOutput raw)
    {
        try
        {
            return RegexCache.Get(pattern).Match(raw.Stdout + "\n" + raw.Stderr) is { Success: true } hit
                ? hit.Value.Trim().Length == 0 ? "it printed nothing (no permission to read it?)" : hit.Value.Trim()
                : null;
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return $"unusable_if /{pattern}/ {Primitives.Limits.RegexTimedOut} {Primitives.Limits.RegexTimeout.TotalMilliseconds:0} ms (a backtracking regex?)";
        }
    }

    private async Task<ProbeResult> FinishAsync(Resolution r, CancellationToken cancellationToken)
    {
        var name = r.Probe.Name;
        if (r.Chosen is { Source.SpansWindow: true } && r.Raw is not null)
            return await FinishWindowAsync(r, cancellationToken).ConfigureAwait(false);
        if (r.Chosen is null || r.Raw is null || r.Value is null)
        {
            var allAbsent = r.Attempts.All(a => a.Samples.All(s => s.Failure is ReadFailure.NotFound or ReadFailure.NonZeroExit));
            var reason = r.Probe.Absent is { } absent && allAbsent ? absent : string.Join("; ", r.Attempts.Select(a => a.FailedBecause));
            return ProbeResult.Skipped(name, reason, r.Attempts);
        }
        var source = r.Chosen.Source.Describe();
        var note = r.Raw.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (!r.Probe.Counter)
        {
            return new ProbeResult(name, ProbeStatus.Ok, r.Value, source, null, r.Raw.Truncated, r.Attempts, note)
            {
                Unread = r.Chosen.Source is ProcessesSource ? ProcessTable.Unread(r.Raw.Stderr) : null,
            };
        }

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
            var later = Extractor.Extract(r.Chosen.Extract, second, options.Memo);
            var seconds = (second.Time - r.Raw.Time).TotalSeconds;
            var value = CounterMath.Combine(r.Value, later, seconds, r.Probe.Key, r.Probe.Gauges);
            return new ProbeResult(name, ProbeStatus.Ok, value, source, null, r.Raw.Truncated || second.Truncated, attempts, note);
        }
        catch (ExtractException e)
        {
            return ProbeResult.Skipped(name, $"second sample of {source}: {e.Message}", attempts);
        }
    }

    /// <summary>Ends a window source (sample 1) and extracts its value from what the whole window gave.</summary>
    private async Task<ProbeResult> FinishWindowAsync(Resolution r, CancellationToken cancellationToken)
    {
        var source = r.Chosen!.Source.Describe();
        var second = await ReadAsync(r.Chosen.Source, r.Probe.Timeout, 1, cancellationToken).ConfigureAwait(false);
        var attempts = r.Attempts.Take(r.Attempts.Count - 1)
            .Append(new ProbeAttempt(r.Chosen.Source.Key, source, [r.Raw!, second], second.FailureMessage)).ToList();
        if (!second.Succeeded)
            return ProbeResult.Skipped(r.Probe.Name, second.FailureMessage ?? $"{source} gave nothing", attempts);
        try
        {
            var value = Extractor.Extract(r.Chosen.Extract, second.Stdout, options.Memo);
            var note = string.Join("; ", (r.Raw!.Stderr + "\n" + second.Stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return new ProbeResult(r.Probe.Name, ProbeStatus.Ok, value, source, null, second.Truncated, attempts, note.Length == 0 ? null : note);
        }
        catch (ExtractException e)
        {
            return ProbeResult.Skipped(r.Probe.Name, $"{source}: {e.Message}", attempts);
        }
    }

    private Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken) =>
        ReadAsync(source, () => timeout, sample, cancellationToken, startsAnyway: true);

    /// <summary>
    /// Reads once per run and sample; <paramref name="timeout"/> is asked once the read may start (an each-probe's
    /// reads get what is left of its time after waiting for a turn), and unless <paramref name="startsAnyway"/> a read
    /// with no time left does not start.
    /// </summary>
    private Task<RawOutput> ReadAsync(SourceSpec source, Func<TimeSpan> timeout, int sample, CancellationToken cancellationToken, bool startsAnyway = false) =>
        _reads.GetOrAdd((source.Key, sample), _ => new Lazy<Task<RawOutput>>(async () =>
        {
            await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var time = timeout();
                if (time <= TimeSpan.Zero && !startsAnyway)
                    return RawOutput.Failed(DateTimeOffset.UtcNow, ReadFailure.Timeout, $"{source.Describe()}: not started, its probe's time was spent");
                return await reader.ReadAsync(source, time, sample, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _throttle.Release();
            }
        })).Value;

    /// <summary>Releases the read throttle.</summary>
    public void Dispose() => _throttle.Dispose();
}
