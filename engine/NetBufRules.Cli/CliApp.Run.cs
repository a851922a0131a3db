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
        var from = new Option<string?>("--from") { Description = "Evaluate a recorded snapshot (from 'netbufrules collect') instead of this host" };
        var command = new Command("run", "Probe this host and report every playbook's verdict, evidence and fix") { paths, format, set, values, interval, noColor, from };
        command.SetAction(async (result, token) =>
        {
            var seconds = result.GetValue(interval);
            if (seconds is < 0 or > 60 || double.IsNaN(seconds))
            {
                await host.Error.WriteLineAsync($"netbufrules: --interval {seconds.ToString(CultureInfo.InvariantCulture)} is out of range (0 to 60 seconds)").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var playbooks = await LoadAsync(result.GetValue(paths) ?? []).ConfigureAwait(false);
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
            ISourceReader reader;
            HostInfo hostInfo;
            TimeSpan? recordedWindow = null;
            if (result.GetValue(from) is { } snapshotFile)
            {
                if (!File.Exists(snapshotFile))
                {
                    await host.Error.WriteLineAsync($"netbufrules: no such snapshot file: '{snapshotFile}'").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                Snapshot snapshot;
                try
                {
                    snapshot = SnapshotJson.Read(snapshotFile, await File.ReadAllTextAsync(snapshotFile, token).ConfigureAwait(false));
                }
                catch (SnapshotException e)
                {
                    await host.Error.WriteLineAsync($"netbufrules: {e.Message}").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                reader = new SnapshotSourceReader(snapshot);
                hostInfo = new HostInfo(snapshot.Host.Hostname, snapshot.Host.Kernel, snapshot.Host.Time, snapshot.Host.Root, snapshot.Host.NetNamespace);
                seconds = 0;
                recordedWindow = TimeSpan.FromSeconds(snapshot.IntervalSeconds);
            }
            else
            {
                reader = host.Reader();
                hostInfo = host.Host();
            }
            var report = await DiagnosisPipeline.RunAsync(playbooks, overrides, reader, new ProbeRunOptions(TimeSpan.FromSeconds(seconds)), hostInfo, token).ConfigureAwait(false);
            if (recordedWindow is { } window) report = report with { Window = window };
            var text = result.GetValue(format) == "json"
                ? JsonReportWriter.Write(report)
                : TextReportWriter.Write(report, host.Color && !result.GetValue(noColor));
            await host.Out.WriteAsync(text).ConfigureAwait(false);
            return report.AnyFired ? ExitCodes.Fired : ExitCodes.Ok;
        });
        return command;
    }
}
