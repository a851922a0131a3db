namespace NetBufRules.Watch;

/// <summary>How <c>watch</c> samples, when it stops, and where it writes its textfile and recordings.</summary>
/// <param name="Interval">One window: every fast source is read once per interval.</param>
/// <param name="Duration">Stop after this long; null runs until cancelled.</param>
/// <param name="SlowInterval">How often expensive sources (the process table, the kernel log) are read again.</param>
/// <param name="ClearAfter">How long a cause must stay quiet to clear, for playbooks without <c>clear_after</c>.</param>
/// <param name="TextfileDirectory">node_exporter's textfile folder, or null.</param>
/// <param name="RecordDirectory">The flight recorder's folder, or null for no recording.</param>
/// <param name="RecordWindows">Windows kept in memory (the one that fires and those before it).</param>
/// <param name="RecordMaxBytes">Disk cap of the record folder; the oldest events go first.</param>
internal sealed record WatchOptions(
    TimeSpan Interval,
    TimeSpan? Duration = null,
    TimeSpan? SlowInterval = null,
    TimeSpan? ClearAfter = null,
    string? TextfileDirectory = null,
    string? RecordDirectory = null,
    int RecordWindows = 5,
    long RecordMaxBytes = 64L * 1024 * 1024)
{
    /// <summary>The default hysteresis: a cause clears after this long without its symptom.</summary>
    public static readonly TimeSpan DefaultClearAfter = TimeSpan.FromSeconds(5);

    /// <summary>The default slow cadence for expensive sources.</summary>
    public static readonly TimeSpan DefaultSlowInterval = TimeSpan.FromSeconds(10);
}
