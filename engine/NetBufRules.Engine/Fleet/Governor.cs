namespace NetBufRules.Fleet;

/// <summary>
/// Keeps a fleet replay near its memory budget. The collector is lazy about garbage that reached the large-object
/// heap (a kernel log decoded per host is one): left alone, a replay of hosts that share nothing swung between 60 and
/// 210 MB. Every few hosts the replay asks; when its working set has passed the mark, one full collection runs, and
/// the mark is set again from what that collection left alive (twice it, and room for the process around it), so a
/// replay whose live data is large (a snapshot of 64 MiB) is not collected over and over.
/// </summary>
internal sealed class Governor(long target = Governor.Target)
{
    /// <summary>The working set a replay aims to stay near.</summary>
    public const long Target = 130L * 1024 * 1024;

    /// <summary>Room for what is not the managed heap (code, stacks, buffers), on top of twice the live data.</summary>
    public const long Room = 64L * 1024 * 1024;

    private readonly long _target = target;
    private long _mark = target;
    private int _collecting;

    /// <summary>The working set at which it collects next.</summary>
    public long Mark => Interlocked.Read(ref _mark);

    /// <summary>How many collections it ran.</summary>
    public int Collections { get; private set; }

    /// <summary>Collects when the working set has passed the mark (one thread at a time; the others go on).</summary>
    public void Check()
    {
        if (Environment.WorkingSet < Interlocked.Read(ref _mark) || Interlocked.Exchange(ref _collecting, 1) == 1) return;
        try
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            Collections++;
            Interlocked.Exchange(ref _mark, Math.Max(_target, 2 * GC.GetTotalMemory(forceFullCollection: false) + Room));
        }
        finally
        {
            Volatile.Write(ref _collecting, 0);
        }
    }
}
