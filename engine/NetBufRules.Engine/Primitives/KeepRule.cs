namespace NetBufRules.Primitives;

/// <summary>
/// When a fleet-wide cache keeps something, and when it gives up: the one rule of <c>SnapshotStrings</c> (outputs) and
/// <c>VerdictMemo</c> (verdicts), per source or playbook. A thing is kept only once it has been seen twice (before
/// that, only its hash is), so what never repeats costs a hash, not a kept copy; and once it has been looked up
/// <see cref="RestAfter"/> times with fewer than a quarter hits (a kernel log differs on every host), the cache rests:
/// it keeps nothing more, and lets go of what it kept.
/// </summary>
internal sealed class KeepRule
{
    public const int RestAfter = 64;

    /// <summary>How many things seen once it remembers (as hashes) before it starts afresh.</summary>
    public const int MaxSeen = 1 << 16;

    private readonly HashSet<ulong> _seen = [];
    private long _lookups;
    private long _hits;
    private volatile bool _resting;

    public long Lookups => Interlocked.Read(ref _lookups);

    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Whether it rests (nothing more is kept or looked up).</summary>
    public bool Resting => _resting;

    /// <summary>Counts a lookup and whether it found something.</summary>
    public void Looked(bool hit)
    {
        Interlocked.Increment(ref _lookups);
        if (hit) Interlocked.Increment(ref _hits);
    }

    /// <summary>
    /// Whether to rest from now on (true once, when lookups have mostly missed: the caller then lets go of what it
    /// kept). Called under the caller's lock, on a miss.
    /// </summary>
    public bool RestNow()
    {
        if (_resting || Lookups < RestAfter || Hits * 4 >= Lookups) return false;
        _resting = true;
        return true;
    }

    /// <summary>Whether the thing of hash <paramref name="key"/> was seen before (so it may be kept now). Under the caller's lock.</summary>
    public bool SeenBefore(ulong key)
    {
        if (!_seen.Add(key)) return true;
        if (_seen.Count > MaxSeen) _seen.Clear();
        return false;
    }
}
