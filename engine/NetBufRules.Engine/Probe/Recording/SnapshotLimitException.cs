namespace NetBufRules.Probe.Recording;

/// <summary>A snapshot holding more than <see cref="SnapshotBudget"/> allows, at its JSON place (the file is added by the reader).</summary>
internal sealed class SnapshotLimitException(string place, string message) : Exception(message)
{
    /// <summary>Where in the snapshot, as a JSON path ($.sources[3].samples[0].table.rows).</summary>
    public string Place { get; } = place;
}
