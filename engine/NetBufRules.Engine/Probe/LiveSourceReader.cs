using System.ComponentModel;
using CliWrap;
using NetBufRules.Model;

namespace NetBufRules.Probe;

/// <summary>Reads the live host: programs through CliWrap (argv, LC_ALL=C, timeout, output cap), files directly.</summary>
public sealed class LiveSourceReader(int outputCapBytes = LiveSourceReader.DefaultOutputCap, string? path = null) : ISourceReader
{
    /// <summary>1 MiB per read.</summary>
    public const int DefaultOutputCap = 1024 * 1024;

    private readonly DropReasons.DropReasonProbe _dropReasons = new();

    private static readonly Dictionary<string, string?> CLocale = new(StringComparer.Ordinal) { ["LC_ALL"] = "C", ["LANG"] = "C", ["LANGUAGE"] = null };

    public Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken) => source switch
    {
        CommandSource command => RunAsync(command, timeout, cancellationToken),
        FileSource file => Task.FromResult(ReadFile(file.Path, cancellationToken)),
        ProcessesSource processes => Task.FromResult(ProcessTable.Read(processes.Scope)),
        DropReasonsSource => _dropReasons.ReadAsync(sample, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "unknown source"),
    };

    private async Task<RawOutput> RunAsync(CommandSource command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var executable = Resolve(command.Argv[0]);
        if (executable is null)
            return RawOutput.Failed(started, ReadFailure.NotFound, $"{command.Argv[0]} not found on PATH");
        var stdout = new CappedBuffer(outputCapBytes);
        var stderr = new CappedBuffer(64 * 1024);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        try
        {
            var result = await Cli.Wrap(executable)
                .WithArguments(command.Argv.Skip(1))
                .WithEnvironmentVariables(CLocale)
                .WithValidation(CommandResultValidation.None)
                .WithStandardInputPipe(PipeSource.Null)
                .WithStandardOutputPipe(PipeTarget.Create(stdout.CopyFromAsync))
                .WithStandardErrorPipe(PipeTarget.Create(stderr.CopyFromAsync))
                .ExecuteAsync(timeoutCts.Token)
                .ConfigureAwait(false);
            var err = stderr.ToString();
            if (result.ExitCode != 0)
            {
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

    /// <summary>Finds the binary on PATH (or as given, when it has a slash); null when absent.</summary>
    private string? Resolve(string name)
    {
        if (name.Contains('/')) return File.Exists(name) ? name : null;
        var searchPath = path ?? Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        // sbin holds sysctl, ip and tc, and an ordinary user's PATH often lacks it.
        foreach (var dir in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin"]).Distinct(StringComparer.Ordinal))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private RawOutput ReadFile(string filePath, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        try
        {
            using var stream = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            var buffer = new CappedBuffer(outputCapBytes);
            // Ctrl-C and SIGTERM reach the read too: it stops between chunks.
            buffer.CopyFromAsync(stream, cancellationToken).GetAwaiter().GetResult();
            return new RawOutput(now, buffer.ToString(), Truncated: buffer.Truncated);
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
}
