using System.Runtime.InteropServices;

namespace NetBufRules.Primitives;

/// <summary>
/// The CPU time one thread has used, readable from any thread of the process (POSIX thread CPU clocks): what a thread
/// did itself, not how long the machine took to give it the processor. Taken on the thread it measures; read anywhere.
/// </summary>
internal readonly struct ThreadCpuClock
{
    private readonly int _id;

    private ThreadCpuClock(int id) => _id = id;

    /// <summary>The calling thread's CPU clock, or null where it cannot be had (not glibc, an old glibc, a refusal).</summary>
    public static ThreadCpuClock? OfCurrentThread()
    {
        try
        {
            return pthread_getcpuclockid(pthread_self(), out var id) == 0 && Read(id) is not null ? new ThreadCpuClock(id) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The thread's CPU time so far, or null once it cannot be read (the thread has ended).</summary>
    public TimeSpan? Now() => Read(_id);

    private static TimeSpan? Read(int id) =>
        clock_gettime(id, out var t) == 0 ? TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100) : null;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport as in NativeFile (no generated stubs); glibc's soname so the JIT and NativeAOT resolve it alike. Both
    // calls are in libc.so.6 since glibc 2.34 (libpthread before it: then there is no clock, and the caller says so).
    private const string Libc = "libc.so.6";

    [DllImport(Libc)]
    private static extern nuint pthread_self();

    [DllImport(Libc)]
    private static extern int pthread_getcpuclockid(nuint thread, out int clockId);

    [DllImport(Libc)]
    private static extern int clock_gettime(int clockId, out Timespec time);
}
