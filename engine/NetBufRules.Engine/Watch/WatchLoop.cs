using System.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Primitives;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Render;
using NetBufRules.Report;

namespace NetBufRules.Watch;

/// <summary>
/// The <c>watch</c> loop: one window per interval through the same probe, evaluate and render stages as <c>run</c>,
/// each playbook's verdict through its <see cref="CauseTracker"/>, transitions out, the textfile and the flight
/// recorder fed on every window.
/// </summary>
internal sealed class WatchLoop(IReadOnlyList<Playbook> playbooks, ParamOverrides overrides, ISourceReader live, Func<HostInfo> host, WatchOptions options)
{
    private readonly ConditionEvaluator _evaluator = new();
    private readonly FixRenderer _renderer = new();
    private readonly MetricEvaluator _metrics = new();
    private readonly WhereRows _eachRows = new(overrides);
    private readonly Dictionary<string, CauseTracker> _trackers = playbooks.ToDictionary(
        p => p.Id, p => new CauseTracker(p, options.ClearAfter ?? WatchOptions.DefaultClearAfter), StringComparer.Ordinal);
    private readonly FlightRecorder? _recorder = options.RecordDirectory is { } dir ? new FlightRecorder(dir, options.RecordWindows, options.RecordMaxBytes) : null;
    private long _windows;

    /// <summary>Windows evaluated so far.</summary>
    public long Windows => _windows;

    /// <summary>
    /// Runs until <see cref="WatchOptions.Duration"/> has passed or <paramref name="cancellationToken"/> is cancelled
    /// (which ends it quietly); <paramref name="transition"/> gets each fire and clear, <paramref name="notice"/> each
    /// problem writing the textfile or a recording (the watch goes on).
    /// </summary>
    public async Task RunAsync(Func<WatchTransition, Task> transition, Func<string, Task> notice, CancellationToken cancellationToken)
    {
        var reader = new WindowSourceReader(live, WindowSourceReader.CounterKeys(playbooks), options.Interval, options.SlowInterval ?? WatchOptions.DefaultSlowInterval);
        var until = options.Duration is { } d ? DateTimeOffset.UtcNow + d : DateTimeOffset.MaxValue;
        try
        {
            while (!cancellationToken.IsCancellationRequested && DateTimeOffset.UtcNow < until)
            {
                var started = DateTimeOffset.UtcNow;
                var clock = Stopwatch.StartNew();
                reader.StartWindow();
                var recording = new RecordingSourceReader(reader);
                ProbeRun run;
                using (var runner = new ProbeRunner(recording, new ProbeRunOptions(TimeSpan.Zero) { EachRows = _eachRows }))
                    run = await runner.RunAsync(playbooks, cancellationToken).ConfigureAwait(false);
                // The process table is read on the slow cadence: when this window's socket tables name a process it does
                // not know (a listener started since), the table is read again and the window evaluated again with it,
                // so the finding names the listener's processes and lever now, not up to the slow interval later.
                if (reader.RefreshProcessesFor(recording.Sources()))
                {
                    recording = new RecordingSourceReader(new WindowReplayReader(recording.Sources(), reader));
                    using var again = new ProbeRunner(recording, new ProbeRunOptions(TimeSpan.Zero) { EachRows = _eachRows });
                    run = await again.RunAsync(playbooks, cancellationToken).ConfigureAwait(false);
                }
                var results = playbooks.Select(p => _renderer.Render(_evaluator.Evaluate(p, run.For(p.Id), overrides.Resolve(p)))).ToList();
                var end = DateTimeOffset.UtcNow;
                var sources = recording.Sources();
                var window = sources.Where(s => s.Samples.Count == 2).Select(s => s.Samples[1].Time - s.Samples[0].Time).DefaultIfEmpty(options.Interval).Max();
                var hostInfo = host() with { Time = end };
                var report = new DiagnosisReport(hostInfo, window, results);
                _windows++;
                _recorder?.Add(new Snapshot(hostInfo, Math.Round(window.TotalSeconds, 3), sources));

                foreach (var r in results)
                {
                    var key = _metrics.Measure(r.Finding).Select(m => m.Value).FirstOrDefault();
                    if (_trackers[r.Finding.Playbook.Id].Observe(end - window, end, r.Status, r.Reason, key) is not { } change) continue;
                    if (change.Kind == TransitionKind.Fired && _recorder is not null)
                    {
                        try
                        {
                            change = change.WithSnapshot(_recorder.Save(change.PlaybookId, change.Time));
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                        {
                            await notice($"cannot write the recording to '{_recorder.Directory}': {e.Message}").ConfigureAwait(false);
                        }
                    }
                    await transition(change).ConfigureAwait(false);
                }
                if (options.TextfileDirectory is { } textfiles)
                {
                    var extras = new PrometheusExtras(
                        _trackers.ToDictionary(t => t.Key, t => t.Value.Firing, StringComparer.Ordinal),
                        _trackers.ToDictionary(t => t.Key, t => (long)t.Value.Fires, StringComparer.Ordinal),
                        _windows, clock.Elapsed);
                    try
                    {
                        TextfileWriter.Write(textfiles, PrometheusReportWriter.Write(report, extras, _metrics));
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        await notice($"cannot write the textfile in '{textfiles}': {e.Message}").ConfigureAwait(false);
                    }
                }
                // A window that waited for its second samples read them just now: the next window starts from there.
                var next = (reader.Waited ? end : started) + options.Interval;
                await Clock.DelayUntilAsync(next < until ? next : until, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM: the caller prints the summary.
        }
    }

    /// <summary>Every playbook that fired at least once, as of now.</summary>
    public IReadOnlyList<CauseSummary> Summary()
    {
        var now = DateTimeOffset.UtcNow;
        return [.. _trackers.Values.Select(t => t.Summary(now))];
    }
}
