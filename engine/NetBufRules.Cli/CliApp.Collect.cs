using System.CommandLine;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;

namespace NetBufRules.Cli;

public sealed partial class CliApp
{
    private Command CollectCommand()
    {
        var paths = new Argument<string[]>("paths") { Description = "Playbook files or folders (default: the built-in pack)", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The snapshot file to write", Required = true };
        var interval = new Option<double>("--interval") { Description = "Counter sampling window in seconds", DefaultValueFactory = _ => ProbeRunOptions.DefaultInterval.TotalSeconds };
        var redact = new Option<bool>("--redact") { Description = "Replace the host name and addresses with documentation-range stand-ins" };
        var config = ConfigOption();
        var command = new Command("collect", "Record every probe's raw output on this host into a snapshot for 'run --from'") { paths, output, interval, redact, config };
        command.SetAction(async (result, token) =>
        {
            var playbooks = await LoadAsync(result.GetValue(paths) ?? [], result.GetValue(config)).ConfigureAwait(false);
            if (playbooks is null) return ExitCodes.Usage;
            var recorder = new RecordingSourceReader(host.Reader());
            var hostInfo = host.Host();
            var seconds = Math.Clamp(result.GetValue(interval), 0, 60);
            await DiagnosisPipeline.RunAsync(playbooks, new ParamOverrides(), recorder, new ProbeRunOptions(TimeSpan.FromSeconds(seconds)) { ReadEveryAlternative = true, Policy = _policy }, hostInfo, token).ConfigureAwait(false);
            var snapshot = new Snapshot(hostInfo, seconds, recorder.Sources());
            if (result.GetValue(redact)) snapshot = SnapshotRedactor.Redact(snapshot);
            var file = result.GetValue(output)!;
            try
            {
                await File.WriteAllTextAsync(file, SnapshotJson.Write(snapshot), token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await host.Error.WriteLineAsync($"netbufrules: cannot write '{file}': {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            await host.Error.WriteLineAsync($"netbufrules: wrote {snapshot.Sources.Count} sources to {file}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
