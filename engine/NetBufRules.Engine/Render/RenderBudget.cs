using System.Diagnostics;
using System.Runtime.CompilerServices;
using NetBufRules.Primitives;

namespace NetBufRules.Render;

/// <summary>
/// How long one render may go on: <see cref="TemplateSandbox.TimeLimit"/> of its own thread's CPU time, not of the
/// clock. A wall-clock second tripped on a loaded 2-core machine (explain's dry render of socket-buffers failed with
/// NBR023 while three test suites ran beside it) although the template had done a few milliseconds of work: the thread
/// was waiting for a processor. A runaway template uses its CPU second wherever it runs, so it is still stopped; a busy
/// machine only stretches the wait. <see cref="WallLimit"/> is the backstop for a thread starved past any use. Without
/// a thread CPU clock (not glibc) the limit is the clock's, as before, since nothing then tells busy from runaway.
/// </summary>
internal sealed class RenderBudget : IDisposable
{
    /// <summary>The clock's limit however little CPU time the render was given: ten times the CPU limit.</summary>
    public static readonly TimeSpan WallLimit = TemplateSandbox.TimeLimit * 10;

    // The smallest wait between two checks of a render that has not used its CPU time yet.
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(20);

    [ThreadStatic]
    private static StrongBox<ThreadCpuClock?>? t_clock;

    private readonly CancellationTokenSource _cancel = new();
    private readonly Timer _timer;
    private readonly ThreadCpuClock? _clock;
    private readonly TimeSpan _cpuAtStart;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _cpuLimit;
    private readonly TimeSpan _wallLimit;
    private bool _disposed;

    /// <summary>A budget for a render on the calling thread, starting now.</summary>
    public RenderBudget() : this(TemplateSandbox.TimeLimit, WallLimit, (t_clock ??= new(ThreadCpuClock.OfCurrentThread())).Value)
    {
    }

    /// <summary>For tests: other limits, and a clock given (null: none, the wall-clock limit alone).</summary>
    internal RenderBudget(TimeSpan cpuLimit, TimeSpan wallLimit, ThreadCpuClock? clock)
    {
        _cpuLimit = cpuLimit;
        var start = clock?.Now();
        _clock = start is null ? null : clock;
        _cpuAtStart = start ?? TimeSpan.Zero;
        _wallLimit = _clock is null ? cpuLimit : wallLimit;
        // The CPU time used cannot pass the clock's, so the first look is at the CPU limit on the clock.
        _timer = new Timer(static s => ((RenderBudget)s!).Check(), this, cpuLimit < _wallLimit ? cpuLimit : _wallLimit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancelled once the render is over its budget.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Why the render was stopped (for its error), once <see cref="Token"/> is cancelled.</summary>
    public string Exceeded { get; private set; } = "";

    private void Check()
    {
        lock (_cancel)
        {
            if (_disposed) return;
            var wall = Stopwatch.GetElapsedTime(_started);
            var cpu = _clock is { } clock ? clock.Now() - _cpuAtStart : null;
            if (cpu is null)
            {
                Exceeded = $"ran longer than {Seconds(_cpuLimit)}";
            }
            else if (cpu >= _cpuLimit)
            {
                Exceeded = $"ran longer than {Seconds(_cpuLimit)} (CPU time of its own, however busy the machine)";
            }
            else if (wall >= _wallLimit)
            {
                Exceeded = $"ran longer than {Seconds(_wallLimit)} on the clock and was given only {cpu.Value.TotalMilliseconds:0} ms of CPU time in it (a machine too busy to render)";
            }
            else
            {
                var wait = _cpuLimit - cpu.Value;
                if (_wallLimit - wall < wait) wait = _wallLimit - wall;
                _timer.Change(wait < MinimumWait ? MinimumWait : wait, Timeout.InfiniteTimeSpan);
                return;
            }
            _cancel.Cancel();
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0} s" : $"{t.TotalMilliseconds:0} ms";

    public void Dispose()
    {
        lock (_cancel) _disposed = true;
        _timer.Dispose();
        _cancel.Dispose();
    }
}
