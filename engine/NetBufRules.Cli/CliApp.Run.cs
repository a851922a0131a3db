using System.CommandLine;
using System.Globalization;
using NetBufRules.Fleet;
using NetBufRules.Output;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Report;

namespace NetBufRules.Cli;

internal sealed partial class CliApp
{
    private Command RunCommand()
    {
        var selection = new SetOptions("the built-in pack");
        var format = new Option<string>("--format", "-f")
        {
            Description = string.Join("; ", OutputFormats.All.Select(f => $"{f.Name}: {f.Description}")),
            DefaultValueFactory = _ => OutputFormats.All[0].Name,
        };
        format.AcceptOnlyFromAmong([.. OutputFormats.Names]);
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Every result with its full evidence, skipped probes and notes" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Only the summary line; the exit code says the rest (for scripts)" };
        var set = new Option<string[]>("--set") { Description = "Override a param: name=value (every playbook that has it) or playbook-id.name=value", AllowMultipleArgumentsPerToken = false };
        var values = new Option<string[]>("--values") { Description = "A YAML file of param overrides (name: value, or playbook-id: {name: value})" };
        var interval = new Option<double>("--interval") { Description = "Counter sampling window in seconds (0 to 60)", DefaultValueFactory = _ => ProbeRunOptions.DefaultInterval.TotalSeconds };
        var noColor = new Option<bool>("--no-color") { Description = "Never colour the text report" };
        var from = new Option<string?>("--from") { Description = "Evaluate a recorded snapshot (from 'netbufrules collect'), or a folder of them (one per host, with a summary), instead of this host" };
        var onlyFired = new Option<bool>("--only-fired") { Description = "With --from FOLDER: list only the hosts where something fired (text: their findings; JSON: hosts[])" };
        var command = new Command("run", "Probe this host and report every playbook's verdict, evidence and fix") { format, set, values, interval, noColor, from, onlyFired, verbose, quiet };
        selection.AddTo(command);
        command.SetAction(async (result, token) =>
        {
            var seconds = result.GetValue(interval);
            if (seconds is < 0 or > 60 || double.IsNaN(seconds))
            {
                await host.Error.WriteLineAsync($"netbufrules: --interval {seconds.ToString(CultureInfo.InvariantCulture)} is out of range (0 to 60 seconds)").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (result.GetValue(verbose) && result.GetValue(quiet))
            {
                await host.Error.WriteLineAsync("netbufrules: --verbose and --quiet contradict each other; give one").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var output = OutputFormats.Find(result.GetValue(format) ?? "text")!;
            var outputOptions = new OutputOptions(host.Color && !result.GetValue(noColor), result.GetValue(verbose), result.GetValue(quiet), result.GetValue(onlyFired));
            if (await LoadWithOverridesAsync(selection, result, values, set).ConfigureAwait(false) is not (var playbooks, var overrides)) return ExitCodes.Usage;
            var options = new ProbeRunOptions(TimeSpan.FromSeconds(seconds)) { Policy = _policy };
            if (result.GetValue(from) is { } recorded)
            {
                var files = Directory.Exists(recorded)
                    ? Directory.GetFiles(recorded, "*.json").Order(StringComparer.Ordinal).ToList()
                    : File.Exists(recorded) ? [recorded] : [];
                // A folder named x.json is no snapshot: said, never passed over in silence.
                if (Directory.Exists(recorded))
                {
                    foreach (var folder in Directory.GetDirectories(recorded, "*.json").Order(StringComparer.Ordinal))
                        await host.Error.WriteLineAsync(Primitives.HostText.Escape($"netbufrules: '{folder}' is a folder, not a snapshot; passed over")).ConfigureAwait(false);
                }
                // As in a playbook folder: a symlink out of the snapshot folder is not followed.
                foreach (var link in files.Where(f => Directory.Exists(recorded) && Primitives.FileKind.IsSymlink(f) && !Primitives.FileKind.TargetInside(f, Primitives.FileKind.RealFolder(recorded))).ToList())
                {
                    await host.Error.WriteLineAsync(Primitives.HostText.Escape($"netbufrules: symlink '{link}' not followed: its target is outside '{recorded}'")).ConfigureAwait(false);
                    files.Remove(link);
                }
                // A link (or hard link) to another snapshot of the folder is that host again: read it once, and say so.
                var (once, duplicates) = Primitives.SameFile.Once(files);
                foreach (var (dropped, kept) in duplicates)
                {
                    await host.Error.WriteLineAsync(Primitives.HostText.Escape(
                        $"netbufrules: '{dropped}' is the same file as '{kept}' ({(Primitives.FileKind.IsSymlink(dropped) ? "a symlink to it" : "a hard link")}); read once")).ConfigureAwait(false);
                }
                files = [.. once];
                if (files.Count == 0)
                {
                    await host.Error.WriteLineAsync(Directory.Exists(recorded)
                        ? $"netbufrules: no snapshots (*.json) in '{recorded}'"
                        : $"netbufrules: no such snapshot file or folder: '{recorded}'").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                if (Directory.Exists(recorded) && !output.DescribesFleets)
                {
                    var fleetFormats = string.Join(", ", OutputFormats.All.Where(f => f.DescribesFleets).Select(f => f.Name));
                    await host.Error.WriteLineAsync($"netbufrules: --format {output.Name} describes one host; '{recorded}' is a folder of snapshots (use {fleetFormats} for a summary across hosts)").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                if (Directory.Exists(recorded)) return await ReplayFleetAsync(files, playbooks, overrides, output, outputOptions, token).ConfigureAwait(false);
                Snapshot snapshot;
                try
                {
                    snapshot = SnapshotJson.ReadFile(files[0]);
                }
                catch (SnapshotException e)
                {
                    await host.Error.WriteLineAsync(Primitives.HostText.Escape($"netbufrules: {e.Message}")).ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                // Replays take their times from the recording: the same snapshot always gives the same answer.
                var replay = await DiagnosisPipeline.RunAsync(playbooks, overrides, new SnapshotSourceReader(snapshot), options with { Interval = TimeSpan.Zero }, snapshot.Host, token).ConfigureAwait(false);
                replay = replay with { Window = TimeSpan.FromSeconds(snapshot.IntervalSeconds) };
                await host.Out.WriteAsync(Write(replay)).ConfigureAwait(false);
                return replay.AnyFired ? ExitCodes.Fired : ExitCodes.Ok;
            }
            var report = await DiagnosisPipeline.RunAsync(playbooks, overrides, host.Reader(), options, host.Host(), token).ConfigureAwait(false);
            await host.Out.WriteAsync(Write(report)).ConfigureAwait(false);
            return report.AnyFired ? ExitCodes.Fired : ExitCodes.Ok;

            string Write(DiagnosisReport r) => output.Write(r, outputOptions);
        });
        return command;
    }

    /// <summary>A folder of snapshots, one per host, streamed: one summary across hosts, never every report at once.</summary>
    private async Task<int> ReplayFleetAsync(IReadOnlyList<string> files, IReadOnlyList<Model.Playbook> playbooks, ParamOverrides overrides, IOutputFormat output, OutputOptions outputOptions, CancellationToken token)
    {
        using var texts = new VerdictTexts();
        var results = FleetReplay.Run(files, playbooks, overrides, Environment.ProcessorCount, texts, token);
        var errors = results.Where(r => r.Error is not null).Select(r => r.Error!).ToList();
        foreach (var e in errors) await host.Error.WriteLineAsync(Primitives.HostText.Escape($"netbufrules: {e}")).ConfigureAwait(false);
        if (errors.Count == files.Count)
        {
            await host.Error.WriteLineAsync($"netbufrules: {errors.Count} of {files.Count} snapshots refused; nothing was reported").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        // One host's bad (or hostile) snapshot is that host's error: the others are reported, the refused listed.
        var refused = files.Select((f, i) => (File: f, results[i].Error)).Where(r => r.Error is not null).Select(r => (r.File, r.Error!)).ToList();
        var fleet = new FleetSummary([.. results.Where(r => r.Verdict is not null).Select(r => r.Verdict!)], refused);
        output.WriteFleet(fleet, outputOptions, host.Out);
        await host.Out.FlushAsync(token).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            await host.Error.WriteLineAsync($"netbufrules: {errors.Count} of {files.Count} snapshots refused; the report covers the other {files.Count - errors.Count}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        return fleet.Hosts.Any(h => h.AnyFired) ? ExitCodes.Fired : ExitCodes.Ok;
    }
}
