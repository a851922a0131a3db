using System.CommandLine;
using System.Globalization;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
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
        var command = new Command("run", "Probe this host and report every playbook's verdict, evidence and fix") { paths, format, set, values, interval, noColor };
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
            var report = await DiagnosisPipeline.RunAsync(playbooks, overrides, host.Reader(), new ProbeRunOptions(TimeSpan.FromSeconds(seconds)), host.Host(), token).ConfigureAwait(false);
            var text = result.GetValue(format) == "json"
                ? JsonReportWriter.Write(report)
                : TextReportWriter.Write(report, host.Color && !result.GetValue(noColor));
            await host.Out.WriteAsync(text).ConfigureAwait(false);
            return report.AnyFired ? ExitCodes.Fired : ExitCodes.Ok;
        });
        return command;
    }
}
