using System.Globalization;
using NetBufRules.Probe.Recording;

namespace NetBufRules.Watch;

/// <summary>
/// Keeps the last windows' raw probe output in memory and, when a cause fires, writes them as snapshots (the format of
/// <c>collect</c>, so <c>run --from</c> replays the moment): one folder per event, <c>before-N.json</c> for the windows
/// before and <c>fired.json</c> for the one that fired. The oldest event folders go when the folder passes its cap.
/// </summary>
internal sealed class FlightRecorder(string directory, int windows, long maxBytes)
{
    private readonly Queue<Snapshot> _recent = new();

    /// <summary>The folder events are written to.</summary>
    public string Directory => directory;

    /// <summary>Remembers one window, forgetting the oldest beyond the limit.</summary>
    public void Add(Snapshot window)
    {
        _recent.Enqueue(window);
        while (_recent.Count > Math.Max(1, windows)) _recent.Dequeue();
    }

    /// <summary>Writes the remembered windows for a cause that fired at <paramref name="time"/>; returns the path of <c>fired.json</c>.</summary>
    public string Save(string playbookId, DateTimeOffset time)
    {
        var folder = Path.Combine(directory, time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + playbookId);
        // The name is predictable: a link planted there (the record folder may be writable by others) is never followed.
        if (new DirectoryInfo(folder).LinkTarget is not null)
            throw new IOException($"'{folder}' is a symbolic link; the event is not written through it");
        System.IO.Directory.CreateDirectory(folder);
        var list = _recent.ToList();
        for (var i = 0; i < list.Count - 1; i++)
            Primitives.OwnFile.Write(Path.Combine(folder, $"before-{list.Count - 1 - i}.json"), SnapshotJson.Write(list[i]));
        var fired = Path.Combine(folder, "fired.json");
        Primitives.OwnFile.Write(fired, SnapshotJson.Write(list[^1]));
        Rotate(folder);
        return fired;
    }

    /// <summary>Deletes the oldest event folders (never the newest) until the recorder's folder is under its cap.</summary>
    private void Rotate(string keep)
    {
        var events = new DirectoryInfo(directory).GetDirectories()
            .Where(d => d.GetFiles("fired.json").Length > 0)
            .OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        long SizeOf(DirectoryInfo d) => d.GetFiles().Sum(f => f.Length);
        var total = events.Sum(SizeOf);
        foreach (var old in events.Where(d => d.FullName != Path.GetFullPath(keep)))
        {
            if (total <= maxBytes) break;
            total -= SizeOf(old);
            old.Delete(recursive: true);
        }
    }
}
