namespace NetBufRules.Fleet;

/// <summary>
/// Keeps a fleet replay near its memory budget, cheaply.
/// <list type="bullet">
/// <item>Young garbage: the collector's own young-generation budget follows the CPU's cache and on this project's
/// machines let a replay allocate about 150 MB between collections (a fleet of 1,000 hosts with kernel logs of their
/// own ran 7 collections and peaked at 237 MB). Every <see cref="YoungBudget"/> allocated, the replay runs one young
/// collection: it costs what survives (a host's snapshot, the memos), not what was allocated.</item>
/// <item>Old garbage: the collector is lazy with the large-object heap (an output over 1 MiB decoded lands there).
/// Every few hosts the replay looks at its working set and, past the mark, runs one full collection; the mark is then
/// set from what that collection left alive (twice it, and room for the process around it) and from the working set
/// it left: memory the runtime keeps committed after a collection is not a reason to collect again. Before, a replay
/// whose working set stayed past the mark ran a full, blocking collection every 16 hosts (31 in 1,000 hosts).</item>
/// </list>
/// </summary>
internal sealed class Governor(long target = Governor.Target, long youngBudget = Governor.YoungBudget)
{
    /// <summary>The working set a replay aims to stay near.</summary>
    public const long Target = 130L * 1024 * 1024;

    /// <summary>Room for what is not the managed heap (code, stacks, buffers), on top of twice the live data.</summary>
    public const long Room = 64L * 1024 * 1024;

    /// <summary>Bytes allocated between two young collections.</summary>
    public const long YoungBudget = 32L * 1024 * 1024;

    /// <summary>How much the working set may grow past what a full collection left before the next one.</summary>
    public const long Slack = 32L * 1024 * 1024;

    /// <summary>The working set is read every this many checks (reading it costs a /proc read).</summary>
    private const int LookEvery = 16;

    private readonly long _target = target;
    private readonly long _youngBudget = youngBudget;
    private long _mark = target;
    private long _allocatedAtLast = GC.GetTotalAllocatedBytes(precise: false);
    private int _collecting;
    private int _checks;
    private int _collections;
    private int _youngCollections;

    /// <summary>The working set at which it collects in full next.</summary>
    public long Mark => Interlocked.Read(ref _mark);

    /// <summary>How many full collections it ran.</summary>
    public int Collections => Volatile.Read(ref _collections);

    /// <summary>How many young collections it ran.</summary>
    public int YoungCollections => Volatile.Read(ref _youngCollections);

    /// <summary>Called once per host: collects young garbage past its budget, and all of it past the mark (one thread at a time; the others go on).</summary>
    public void Check()
    {
        var look = Interlocked.Increment(ref _checks) % LookEvery == 1;
        var young = GC.GetTotalAllocatedBytes(precise: false) - Interlocked.Read(ref _allocatedAtLast) >= _youngBudget;
        if (!young && !look) return;
        if (Interlocked.Exchange(ref _collecting, 1) == 1) return;
        try
        {
            if (look && Environment.WorkingSet >= Interlocked.Read(ref _mark))
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
                Interlocked.Increment(ref _collections);
                var mark = Math.Max(_target, 2 * GC.GetTotalMemory(forceFullCollection: false) + Room);
                Interlocked.Exchange(ref _mark, Math.Max(mark, Environment.WorkingSet + Slack));
            }
            else if (young)
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                Interlocked.Increment(ref _youngCollections);
            }
            else
            {
                return;
            }
            Interlocked.Exchange(ref _allocatedAtLast, GC.GetTotalAllocatedBytes(precise: false));
        }
        finally
        {
            Volatile.Write(ref _collecting, 0);
        }
    }
}
