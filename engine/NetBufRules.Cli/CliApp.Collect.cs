using System.CommandLine;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;

namespace NetBufRules.Cli;

internal sealed partial class CliApp
{
    private Command CollectCommand()
    {
        var selection = new SetOptions("the built-in pack");
        var output = new Option<string>("--output", "-o") { Description = "The snapshot file to write (mode 0600; - for standard output; {host-id} in it: a stable name for this host that is not its name)", Required = true };
        var interval = new Option<double>("--interval") { Description = "Counter sampling window in seconds", DefaultValueFactory = _ => ProbeRunOptions.DefaultInterval.TotalSeconds };
        var redact = new Option<bool>("--redact") { Description = "Replace the host name and addresses with documentation-range stand-ins" };
        var command = new Command("collect", "Record every probe's raw output on this host into a snapshot for 'run --from'") { output, interval, redact };
        selection.AddTo(command);
        command.SetAction(async (result, token) =>
        {
            var loaded = await LoadSetAsync(result.GetValue(selection.Paths) ?? [], result.GetValue(selection.Config), selection.Selection(result), selection.IsStrict(result)).ConfigureAwait(false);
            if (loaded is null) return ExitCodes.Usage;
            // A device, FIFO, folder or link is never replaced (as root, -o /dev/null would put a file where the null
            // device was): refused before probing, and again when writing. '-' is standard output.
            var file = result.GetValue(output)!;
            if (file.Contains(HostPseudonym.Token, StringComparison.Ordinal))
            {
                // A file name that is not the host's name, for redacted snapshots gathered from a fleet.
                if (HostPseudonym.OfThisHost() is not { } id)
                    return await UsageAsync($"cannot name the snapshot by {HostPseudonym.Token}: /etc/machine-id is missing or empty (name the file yourself)").ConfigureAwait(false);
                file = file.Replace(HostPseudonym.Token, id, StringComparison.Ordinal);
            }
            if (file != "-" && Primitives.OwnFile.TargetProblem(file) is { } target)
                return await UsageAsync($"{target}; '-o -' writes to standard output").ConfigureAwait(false);
            var playbooks = loaded.Playbooks;
            var recorder = new RecordingSourceReader(host.Reader());
            var hostInfo = host.Host();
            var seconds = Math.Clamp(result.GetValue(interval), 0, 60);
            await DiagnosisPipeline.RunAsync(playbooks, new ParamOverrides(), recorder, new ProbeRunOptions(TimeSpan.FromSeconds(seconds)) { ReadEveryAlternative = true, Policy = _policy }, hostInfo, token).ConfigureAwait(false);
            var snapshot = new Snapshot(hostInfo, seconds, recorder.Sources());
            if (result.GetValue(redact)) snapshot = SnapshotRedactor.Redact(snapshot);
            if (file == "-")
            {
                await host.Out.WriteAsync(SnapshotJson.Write(snapshot)).ConfigureAwait(false);
                await host.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            try
            {
                // Root writes where the user says, maybe into a folder another user owns: never through a link there.
                Primitives.OwnFile.Write(file, SnapshotJson.Write(snapshot));
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
