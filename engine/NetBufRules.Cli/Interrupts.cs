using System.Runtime.InteropServices;

namespace NetBufRules.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM: the first cancels the run (the token reaches every probe, so running programs are
/// killed and reads stop) and the tool exits 130 or 143 with one line. A second signal changes nothing (the run is
/// already stopping); a run that has not stopped within <see cref="Grace"/> (a read stuck in the kernel) is ended
/// anyway, its child processes killed first. Never a stack trace.
/// </summary>
internal sealed class Interrupts : IDisposable
{
    /// <summary>How long a cancelled run may take to stop before the process exits anyway.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1.5);

    private readonly CancellationTokenSource _cancel = new();
    private readonly TextWriter _error;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;
    private int _said;

    private Interrupts(TextWriter error)
    {
        _error = error;
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
    }

    /// <summary>Starts handling SIGINT and SIGTERM for this process.</summary>
    public static Interrupts Register(TextWriter error) => new(error);

    /// <summary>Cancelled on the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM, null when no signal came.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Says once, on one line, why the run stopped; returns the exit code to use.</summary>
    public int Finish(int code)
    {
        if (ExitCode is not { } signalled) return code;
        Say();
        return signalled;
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Never the runtime's default (an abrupt exit); the run stops through the token instead.
        context.Cancel = true;
        var code = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
        ExitCode ??= code;
        if (Interlocked.Increment(ref _signals) > 1) return;
        _cancel.Cancel();
        // A read stuck in the kernel cannot be cancelled: the promise of stopping within a second and a half holds anyway.
        _ = Task.Delay(Grace).ContinueWith(_ => Exit(), TaskScheduler.Default);
    }

    private void Exit()
    {
        KillChildren();
        Say();
        Environment.Exit(ExitCode ?? ExitCodes.Interrupted);
    }

    private void Say()
    {
        if (Interlocked.Exchange(ref _said, 1) != 0) return;
        var name = ExitCode == ExitCodes.Terminated ? "SIGTERM" : "SIGINT (Ctrl-C)";
        try
        {
            _error.WriteLine($"netbufrules: stopped by {name}; no verdict was given");
            _error.Flush();
        }
        catch (IOException)
        {
            // stderr closed (the terminal went away): the exit code still says it.
        }
    }

    /// <summary>Kills what is still running below this process (a probe that ignored its cancellation), so nothing outlives the tool.</summary>
    private static void KillChildren()
    {
        var self = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && fields[1] == self && int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    using var child = System.Diagnostics.Process.GetProcessById(pid);
                    child.Kill(entireProcessTree: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already, or not ours to see.
            }
        }
    }

    /// <summary>Stops handling the signals.</summary>
    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cancel.Dispose();
    }
}
