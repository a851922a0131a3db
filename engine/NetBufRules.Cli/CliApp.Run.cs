using System.CommandLine;
using System.Globalization;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Report;

namespace NetBufRules.Cli;

public sealed partial class CliApp
{
    private Command RunCommand()
    {
        var paths = new Argument<string[]>("paths") { Description = "Playbook files or folders (default: the built-in pack)", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format", "-f") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var set = new Option<string[]>("--set") { Description = "Override a param: name=value (every playbook that has it) or playbook-id.name=value", AllowMultipleArgumentsPerToken = false };
        var values = new Option<string[]>("--values") { Description = "A YAML file of param overrides (name: value, or playbook-id: {name: value})" };
        var interval = new Option<double>("--interval") { Description = "Counter sampling window in seconds (0 to 60)", DefaultValueFactory = _ => ProbeRunOptions.DefaultInterval.TotalSeconds };
        var noColor = new Option<bool>("--no-color") { Description = "Never colour the text report" };
        var from = new Option<string?>("--from") { Description = "Evaluate a recorded snapshot (from 'netbufrules collect'), or a folder of them (one per host, with a summary), instead of this host" };
        var config = ConfigOption();
        var command = new Command("run", "Probe this host and report every playbook's verdict, evidence and fix") { paths, format, set, values, interval, noColor, from, config };
        command.SetAction(async (result, token) =>
        {
            var seconds = result.GetValue(interval);
            if (seconds is < 0 or > 60 || double.IsNaN(seconds))
            {
                await host.Error.WriteLineAsync($"netbufrules: --interval {seconds.ToString(CultureInfo.InvariantCulture)} is out of range (0 to 60 seconds)").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var playbooks = await LoadAsync(result.GetValue(paths) ?? [], result.GetValue(config)).ConfigureAwait(false);
            if (playbooks is null) return ExitCodes.Usage;
            var overrides = new ParamOverrides();
            try
            {
                foreach (var file in result.GetValue(values) ?? []) overrides.AddValuesFile(file);
                foreach (var assignment in result.GetValue(set) ?? []) overrides.AddAssignment(assignment);
            }
            catch (ParamOverrideException e)
            {
                await host.Error.WriteLineAsync($"netbufrules: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var problems = overrides.Check(playbooks);
            if (problems.Count > 0)
            {
                foreach (var p in problems) await host.Error.WriteLineAsync($"netbufrules: {p}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var options = new ProbeRunOptions(TimeSpan.FromSeconds(seconds)) { Policy = _policy };
            if (result.GetValue(from) is { } recorded)
            {
                var files = Directory.Exists(recorded)
                    ? Directory.GetFiles(recorded, "*.json").Order(StringComparer.Ordinal).ToList()
                    : File.Exists(recorded) ? [recorded] : [];
                if (files.Count == 0)
                {
                    await host.Error.WriteLineAsync(Directory.Exists(recorded)
                        ? $"netbufrules: no snapshots (*.json) in '{recorded}'"
                        : $"netbufrules: no such snapshot file or folder: '{recorded}'").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                var hosts = new List<(string Label, DiagnosisReport Report)>();
                foreach (var file in files)
                {
                    Snapshot snapshot;
                    try
                    {
                        snapshot = SnapshotJson.Read(file, await File.ReadAllTextAsync(file, token).ConfigureAwait(false));
                    }
                    catch (SnapshotException e)
                    {
                        await host.Error.WriteLineAsync($"netbufrules: {e.Message}").ConfigureAwait(false);
                        return ExitCodes.Usage;
                    }
                    // Replays take their times from the recording: the same snapshot always gives the same answer.
                    var replay = await DiagnosisPipeline.RunAsync(playbooks, overrides, new SnapshotSourceReader(snapshot), options with { Interval = TimeSpan.Zero }, snapshot.Host, token).ConfigureAwait(false);
                    hosts.Add((Path.GetFileNameWithoutExtension(file), replay with { Window = TimeSpan.FromSeconds(snapshot.IntervalSeconds) }));
                }
                if (hosts.Count == 1)
                {
                    await host.Out.WriteAsync(Write(hosts[0].Report)).ConfigureAwait(false);
                }
                else
                {
                    await host.Out.WriteAsync(result.GetValue(format) == "json"
                        ? FleetSummary.Json(hosts)
                        : FleetSummary.Text(hosts, host.Color && !result.GetValue(noColor))).ConfigureAwait(false);
                }
                return hosts.Any(h => h.Report.AnyFired) ? ExitCodes.Fired : ExitCodes.Ok;
            }
            var report = await DiagnosisPipeline.RunAsync(playbooks, overrides, host.Reader(), options, host.Host(), token).ConfigureAwait(false);
            await host.Out.WriteAsync(Write(report)).ConfigureAwait(false);
            return report.AnyFired ? ExitCodes.Fired : ExitCodes.Ok;

            string Write(DiagnosisReport r) => result.GetValue(format) == "json"
                ? JsonReportWriter.Write(r)
                : TextReportWriter.Write(r, host.Color && !result.GetValue(noColor));
        });
        return command;
    }
}
