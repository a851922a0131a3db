using System.CommandLine;
using System.Globalization;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Watch;

namespace NetBufRules.Cli;

internal sealed partial class CliApp
{
    private Command WatchCommand()
    {
        var selection = new SetOptions("the built-in pack");
        var interval = new Option<double>("--interval") { Description = "One window in seconds: every probe is read once per interval (0.2 to 60)", DefaultValueFactory = _ => 2 };
        var duration = new Option<string?>("--for") { Description = "Stop after this long (e.g. 30s, 10m, 1h) and print the summary; default: until Ctrl-C or SIGTERM" };
        var slow = new Option<string>("--slow-interval") { Description = "How often expensive probes (the process table, the kernel log) are read again", DefaultValueFactory = _ => "10s" };
        var clearAfter = new Option<string>("--clear-after") { Description = "How long a cause must stay quiet before it clears, for playbooks without 'clear_after'", DefaultValueFactory = _ => "5s" };
        var textfile = new Option<string?>("--textfile") { Description = "Write netbufrules.prom for node_exporter's textfile collector into this folder on every window" };
        var record = new Option<string?>("--record") { Description = "Flight recorder: when a cause fires, write the last windows as snapshots (for 'run --from') into this folder" };
        var recordWindows = new Option<int>("--record-windows") { Description = "Windows the flight recorder keeps (the one that fired and those before it)", DefaultValueFactory = _ => 5 };
        var recordMax = new Option<int>("--record-max-mb") { Description = "Disk cap of the record folder in MiB; the oldest events are deleted first", DefaultValueFactory = _ => 64 };
        var set = new Option<string[]>("--set") { Description = "Override a param: name=value or playbook-id.name=value", AllowMultipleArgumentsPerToken = false };
        var values = new Option<string[]>("--values") { Description = "A YAML file of param overrides" };
        var command = new Command("watch", "Watch this host continuously and print each cause as it fires and clears (hold and hysteresis per playbook)")
        {
            interval, duration, slow, clearAfter, textfile, record, recordWindows, recordMax, set, values,
        };
        selection.AddTo(command);
        command.SetAction(async (result, token) =>
        {
            async Task<int> Usage(string message)
            {
                await host.Error.WriteLineAsync($"netbufrules: {message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var seconds = result.GetValue(interval);
            if (seconds is < 0.2 or > 60 || double.IsNaN(seconds))
                return await Usage($"--interval {seconds.ToString(CultureInfo.InvariantCulture)} is out of range (0.2 to 60 seconds)").ConfigureAwait(false);
            TimeSpan? stopAfter = null;
            if (result.GetValue(duration) is { } text)
            {
                if (!DurationText.TryParse(text, out var parsed) || parsed <= TimeSpan.Zero)
                    return await Usage($"--for '{text}' is not a duration (e.g. 30s, 10m, 1h)").ConfigureAwait(false);
                stopAfter = parsed;
            }
            if (!DurationText.TryParse(result.GetValue(slow), out var slowEvery))
                return await Usage($"--slow-interval '{result.GetValue(slow)}' is not a duration (e.g. 10s)").ConfigureAwait(false);
            if (!DurationText.TryParse(result.GetValue(clearAfter), out var quiet))
                return await Usage($"--clear-after '{result.GetValue(clearAfter)}' is not a duration (e.g. 5s)").ConfigureAwait(false);
            var textDir = result.GetValue(textfile);
            if (textDir is not null && !Directory.Exists(textDir))
                return await Usage($"--textfile folder '{textDir}' does not exist").ConfigureAwait(false);
            var recordDir = result.GetValue(record);
            if (recordDir is not null)
            {
                // Created for root alone (its events hold the kernel log); one others can write is refused, since root deletes there.
                try { if (!OperatingSystem.IsWindows()) Directory.CreateDirectory(recordDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return await Usage($"cannot create the record folder '{recordDir}': {e.Message}").ConfigureAwait(false);
                }
                if (FlightRecorder.Problem(recordDir) is { } untrusted) return await Usage(untrusted).ConfigureAwait(false);
            }
            if (result.GetValue(recordWindows) is < 1 or > 100)
                return await Usage("--record-windows must be 1 to 100").ConfigureAwait(false);
            if (result.GetValue(recordMax) < 1)
                return await Usage("--record-max-mb must be at least 1").ConfigureAwait(false);

            if (await LoadWithOverridesAsync(selection, result, values, set).ConfigureAwait(false) is not (var playbooks, var overrides)) return ExitCodes.Usage;

            var options = new WatchOptions(TimeSpan.FromSeconds(seconds), stopAfter, slowEvery, quiet, textDir, recordDir,
                result.GetValue(recordWindows), result.GetValue(recordMax) * 1024L * 1024);
            SignalsEndNormally = true;
            var loop = new WatchLoop(playbooks, overrides, host.Reader(), host.Host, options);
            await host.Error.WriteLineAsync(
                $"netbufrules: watching {playbooks.Count} playbooks every {seconds.ToString(CultureInfo.InvariantCulture)} s " +
                $"(process table and kernel log {(slowEvery <= TimeSpan.FromSeconds(seconds) ? "every window" : $"every {DurationText.Say(slowEvery)}")}); " +
                "Ctrl-C or SIGTERM stops with a summary").ConfigureAwait(false);
            // Under a unit whose capabilities forbid the drop, every window would lack its command probes; say so once, loudly.
            if (await Probe.PrivilegeDropCheck.ProblemAsync(token).ConfigureAwait(false) is { } dropProblem)
                await host.Error.WriteLineAsync($"netbufrules: error: {dropProblem}; causes that need them are reported as errors, never ok").ConfigureAwait(false);
            await loop.RunAsync(
                async t => await host.Out.WriteLineAsync(WatchText.Line(t)).ConfigureAwait(false),
                async message => await host.Error.WriteLineAsync($"netbufrules: {message}").ConfigureAwait(false),
                token).ConfigureAwait(false);
            var summary = loop.Summary();
            await host.Out.WriteAsync(WatchText.Summary(summary, loop.Windows)).ConfigureAwait(false);
            await host.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return summary.Any(s => s.Fires > 0) ? ExitCodes.Fired : ExitCodes.Ok;
        });
        return command;
    }
}
