using System.ComponentModel;
using System.Text;
using CliWrap;
using NetBufRules.Model;
using NetBufRules.Policy;
using NetBufRules.Primitives;

namespace NetBufRules.Probe;

/// <summary>
/// Reads the live host: programs through CliWrap (argv, LC_ALL=C, timeout, output cap), by name on the probe PATH and,
/// as root, with read-only privileges (see <see cref="ProbePrivileges"/>); files directly, only where
/// <see cref="FilePolicy"/> allows, with the same timeout and cap. <paramref name="path"/> replaces the probe PATH.
/// </summary>
internal sealed class LiveSourceReader(int outputCapBytes = LiveSourceReader.DefaultOutputCap, string? path = null, SafetyPolicy? policy = null) : ISourceReader
{
    /// <summary>1 MiB per read.</summary>
    public const int DefaultOutputCap = 1024 * 1024;

    /// <summary>What a command's error output is capped at.</summary>
    public const int StderrCap = 64 * 1024;

    private readonly DropReasons.DropReasonProbe _dropReasons = new();

    public Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken) => source switch
    {
        CommandSource command => RunAsync(command, timeout, cancellationToken),
        FileSource file => ReadFileAsync(file.Path, timeout, cancellationToken),
        ProcessesSource processes => ReadProcessesAsync(processes, timeout, cancellationToken),
        DropReasonsSource => _dropReasons.ReadAsync(sample, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "unknown source"),
    };

    /// <summary>
    /// The process table within the probe's <paramref name="timeout"/>: any user can make /proc slow to walk (many
    /// processes, many fds each), so past it the source fails as timed out (the probe is skipped with that reason)
    /// rather than waiting, or answering with the processes it got to.
    /// </summary>
    internal static async Task<RawOutput> ReadProcessesAsync(ProcessesSource source, TimeSpan timeout, CancellationToken cancellationToken, string procRoot = "/proc")
    {
        var started = DateTimeOffset.UtcNow;
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        // Its own task, so the wait gives up on time even while the kernel is busy with one process's fds.
        var read = Task.Run(() => ProcessTable.Read(source.Scope, procRoot, timeoutCts.Token), CancellationToken.None);
        try
        {
            return await read.WaitAsync(timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The walk stops at its next check; nobody waits for it.
            _ = read.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return RawOutput.Failed(started, ReadFailure.Timeout,
                $"{source.Describe()}: reading /proc took longer than {timeout.TotalSeconds:0.###}s and was given up (processes with very many open files?); no partial table is used");
        }
    }

    private async Task<RawOutput> RunAsync(CommandSource command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var searchPath = path ?? ProbePath.Current;
        var (executable, problem) = ProbePath.Resolve(command.Argv[0], searchPath);
        if (executable is null)
            return RawOutput.Failed(started, problem!.Contains("not found", StringComparison.Ordinal) ? ReadFailure.NotFound : ReadFailure.PermissionDenied, problem);
        // A repository tool is checked on the file that would run, here, where the run happens (lint saw another PATH or host).
        if (!SafetyPolicy.Default.Tools.ContainsKey(command.Argv[0]) && ScriptProgram.Refusal(executable) is { } script)
            return RawOutput.Failed(started, ReadFailure.PermissionDenied, $"{command.Describe()} not run: {command.Argv[0]} {script}");
        var capabilities = (policy ?? SafetyPolicy.Default).Tools.TryGetValue(command.Argv[0], out var grammar) ? grammar.Capabilities : [];
        var argv = ProbePrivileges.Wrap(executable, command.Argv.Skip(1), capabilities, Environment.IsPrivilegedProcess, out var refused);
        // No setpriv is a drop that cannot be made: the same loud failure as a drop that fails.
        if (argv is null)
            return RawOutput.Failed(started, ReadFailure.PrivilegeDrop, $"{command.Describe()} could not run: {refused}");
        var stdout = new CappedBuffer(outputCapBytes);
        var stderr = new CappedBuffer(StderrCap);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        try
        {
            var result = await Command(argv, searchPath)
                .WithStandardOutputPipe(PipeTarget.Create(stdout.CopyFromAsync))
                .WithStandardErrorPipe(PipeTarget.Create(stderr.CopyFromAsync))
                .ExecuteAsync(timeoutCts.Token)
                .ConfigureAwait(false);
            var err = stderr.ToString();
            if (result.ExitCode != 0)
            {
                // The drop itself failing is not the tool's answer: every command probe fails alike, and saying so as
                // a read failure of its own keeps the findings that needed them from reading as ok.
                if (argv[0] != executable && ProbePrivileges.DropFailure(result.ExitCode, err) is { } drop)
                    return new RawOutput(started, "", err, result.ExitCode, ReadFailure.PrivilegeDrop, $"{command.Describe()} could not run: {drop}");
                var failure = err.Contains("not permitted", StringComparison.OrdinalIgnoreCase) || err.Contains("permission denied", StringComparison.OrdinalIgnoreCase)
                    ? ReadFailure.PermissionDenied : ReadFailure.NonZeroExit;
                var firstLine = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim();
                return new RawOutput(started, stdout.ToString(), err, result.ExitCode, failure,
                    $"{command.Describe()} exited {result.ExitCode}" + (firstLine is null ? "" : $": {firstLine}"), stdout.Truncated);
            }
            return new RawOutput(started, stdout.ToString(), err, 0, Truncated: stdout.Truncated);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RawOutput.Failed(started, ReadFailure.Timeout, $"{command.Describe()} timed out after {timeout.TotalSeconds:0.###}s and was killed");
        }
        catch (Win32Exception e)
        {
            var failure = e.NativeErrorCode == 13 ? ReadFailure.PermissionDenied : ReadFailure.NotFound;
            return RawOutput.Failed(started, failure, $"{command.Argv[0]} could not be started: {e.Message}");
        }
    }

    /// <summary>
    /// The command a probe runs as: <paramref name="argv"/> from '/', no input, no validation, and only the
    /// environment of <see cref="ProbeEnvironment"/> (nothing of the caller's: no tokens, no LD_PRELOAD).
    /// </summary>
    internal static Command Command(IReadOnlyList<string> argv, string searchPath) =>
        Cli.Wrap(argv[0])
            .WithArguments(argv.Skip(1))
            .WithWorkingDirectory("/")
            .WithEnvironmentVariables(ProbeEnvironment.Replacing(searchPath))
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(PipeSource.Null);

    private async Task<RawOutput> ReadFileAsync(string filePath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        // Checked again here, on the resolved path: the loader saw only what the playbook wrote.
        if (FilePolicy.CheckWritten(filePath) is { } written)
            return RawOutput.Failed(now, ReadFailure.PermissionDenied, $"{filePath} {written}; not read");
        var real = NativeFile.RealPath(filePath, out var error);
        if (real is null || NativeFile.Stat(real) is not { } st)
            return error == 13
                ? RawOutput.Failed(now, ReadFailure.PermissionDenied, $"{filePath}: permission denied (needs root)")
                : RawOutput.Failed(now, ReadFailure.NotFound, $"{filePath} does not exist here");
        if (FilePolicy.CheckResolved(real) is { } resolved)
            return RawOutput.Failed(now, ReadFailure.PermissionDenied, $"{filePath} {resolved}; not read");
        if ((st.Mode & NativeFile.TypeMask) != NativeFile.Regular)
            return RawOutput.Failed(now, ReadFailure.Other, $"{filePath} is not a regular file; not read");
        // The kernel marks its secrets and its reads with side effects by mode: a file no one but root may read
        // (stable_secret, tcp_fastopen_key, vm/stat_refresh, bpf_jit_*, /proc/slabinfo, a device's write-only
        // controls) is not a probe's to read as root, under /proc/sys or anywhere else.
        if ((st.Mode & NativeFile.OthersRead) == 0)
            return RawOutput.Failed(now, ReadFailure.PermissionDenied, $"{filePath} is readable by root alone (mode {NativeFile.Octal(st.Mode)}, a secret or a read with side effects); not read");
        return await ReadWithinAsync(filePath, real, timeout, outputCapBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <paramref name="real"/> (shown as <paramref name="filePath"/>) within <paramref name="timeout"/> and <paramref name="capBytes"/>; no policy check.</summary>
    internal static async Task<RawOutput> ReadWithinAsync(string filePath, string real, TimeSpan timeout, int capBytes, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        // The read runs on its own task: a read the kernel blocks in cannot see a token, so the wait gives up instead.
        var read = Task.Run(() => ReadCapped(real, capBytes, timeoutCts.Token), CancellationToken.None);
        try
        {
            var (text, truncated) = await read.WaitAsync(timeoutCts.Token).ConfigureAwait(false);
            return new RawOutput(now, text, Truncated: truncated);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RawOutput.Failed(now, ReadFailure.Timeout, $"{filePath}: reading took longer than {timeout.TotalSeconds:0.###}s; given up");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return RawOutput.Failed(now, ReadFailure.NotFound, $"{filePath} does not exist here");
        }
        catch (UnauthorizedAccessException)
        {
            return RawOutput.Failed(now, ReadFailure.PermissionDenied, $"{filePath}: permission denied (needs root)");
        }
        catch (IOException e)
        {
            return RawOutput.Failed(now, ReadFailure.Other, $"{filePath}: {e.Message}");
        }
    }

    /// <summary>At most the cap, then stop: a file that never ends (or a huge one) costs one cap of reading, not the timeout.</summary>
    private static (string Text, bool Truncated) ReadCapped(string file, int outputCapBytes, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
        var kept = new byte[Math.Min(outputCapBytes, 64 * 1024) + 1];
        var total = 0;
        var all = new MemoryStream();
        while (!cancellationToken.IsCancellationRequested)
        {
            var read = stream.Read(kept, 0, kept.Length);
            if (read <= 0) break;
            var room = outputCapBytes - total;
            all.Write(kept, 0, Math.Min(room, read));
            total += read;
            if (total > outputCapBytes) return (Encoding.UTF8.GetString(all.GetBuffer(), 0, (int)all.Length), true);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return (Encoding.UTF8.GetString(all.GetBuffer(), 0, (int)all.Length), false);
    }
}
