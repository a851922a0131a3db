using CliWrap;
using CliWrap.Buffered;
using NetBufRules.Policy;

namespace NetBufRules.Probe;

/// <summary>
/// Tries the probe privilege drop once with a program that does nothing (<c>true</c>), so a long-running command
/// (<c>watch</c>) can say at its start that no command probe will run, instead of every window quietly lacking them.
/// </summary>
internal static class PrivilegeDropCheck
{
    /// <summary>Why command probes cannot run here as root, or null when they can (or this is not root: no drop is made).</summary>
    public static async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess) return null;
        var (program, _) = ProbePath.Resolve("true", ProbePath.System);
        if (program is null) return null;
        var argv = ProbePrivileges.Wrap(program, [], [], asRoot: true, out var problem);
        if (argv is null) return $"command probes cannot run: {problem}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var result = await LiveSourceReader.Command(argv, ProbePath.System).ExecuteBufferedAsync(timeout.Token).ConfigureAwait(false);
            if (result.ExitCode == 0) return null;
            return ProbePrivileges.DropFailure(result.ExitCode, result.StandardError) is { } drop
                ? $"command probes cannot run: {drop}"
                : $"command probes may not run: the privilege drop test ({string.Join(' ', argv)}) exited {result.ExitCode}: {result.StandardError.Trim()}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"command probes may not run: the privilege drop test ({string.Join(' ', argv)}) did not finish within 10 s";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"command probes cannot run: setpriv could not be started: {e.Message}";
        }
    }
}
