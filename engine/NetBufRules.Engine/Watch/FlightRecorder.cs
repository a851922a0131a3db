using System.Globalization;
using System.Text.RegularExpressions;
using NetBufRules.Primitives;
using NetBufRules.Probe.Recording;

namespace NetBufRules.Watch;

/// <summary>
/// Keeps the last windows' raw probe output in memory and, when a cause fires, writes them as snapshots (the format of
/// <c>collect</c>, so <c>run --from</c> replays the moment): one folder per event, <c>before-N.json</c> for the windows
/// before and <c>fired.json</c> for the one that fired. The oldest event folders go when the folder passes its cap.
/// </summary>
/// <remarks>
/// Root writes and deletes here, so the folder must be one no one else can write (<see cref="FolderTrust"/>), and every
/// step goes through the opened folder by name (<see cref="DirectoryHandle"/>): an event folder is created new (0700,
/// files 0600: they hold the kernel log and every process's sockets), and rotation deletes only event folders the
/// running user (or root) owns, file by file with unlinkat, so a link is removed and never descended into.
/// </remarks>
internal sealed partial class FlightRecorder(string directory, int windows, long maxBytes)
{
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly Queue<Snapshot> _recent = new();

    /// <summary>The folder events are written to.</summary>
    public string Directory => directory;

    /// <summary>Why <paramref name="folder"/> may not be the record folder (someone else could write it), or null.</summary>
    public static string? Problem(string folder) => FolderTrust.Problem(folder) is { } why ? $"the record folder is refused: {why}" : null;

    /// <summary>Remembers one window, forgetting the oldest beyond the limit.</summary>
    public void Add(Snapshot window)
    {
        _recent.Enqueue(window);
        while (_recent.Count > Math.Max(1, windows)) _recent.Dequeue();
    }

    /// <summary>Writes the remembered windows for a cause that fired at <paramref name="time"/>; returns the path of <c>fired.json</c>.</summary>
    public string Save(string playbookId, DateTimeOffset time)
    {
        // Checked on every event: the folder may have been opened up since watch started.
        if (Problem(directory) is { } problem) throw new IOException(problem);
        using var record = DirectoryHandle.Open(directory);
        if (record.Stat() is not { } st || FolderTrust.Untrusted(directory, (st.Uid, 0, st.Mode), allowSticky: false) is not null)
            throw new IOException($"the record folder '{directory}' changed owner or mode while it was opened");
        var stamp = time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + playbookId;
        // A new folder every time (mkdirat fails on any name that exists, a planted link included): a second event of
        // the same cause within the second gets a suffix.
        var name = stamp;
        for (var n = 2; !record.CreateChild(name, PrivateFolder); n++)
        {
            if (n > 100) throw new IOException($"cannot find a free event folder name for '{stamp}' in '{directory}'");
            name = $"{stamp}-{n.ToString(CultureInfo.InvariantCulture)}";
        }
        using (var folder = record.OpenChild(name))
        {
            var list = _recent.ToList();
            for (var i = 0; i < list.Count - 1; i++)
                folder.WriteFile($"before-{list.Count - 1 - i}.json", SnapshotJson.Write(list[i]), PrivateFile);
            folder.WriteFile("fired.json", SnapshotJson.Write(list[^1]), PrivateFile);
        }
        Rotate(record, name);
        return Path.Combine(directory, name, "fired.json");
    }

    /// <summary>Deletes the oldest event folders (never the newest) until the recorder's folder is under its cap.</summary>
    private void Rotate(DirectoryHandle record, string keep)
    {
        var me = NativeFile.EffectiveUid();
        var events = new List<(string Name, long Size)>();
        foreach (var name in record.Names().Where(n => EventName().IsMatch(n)).Order(StringComparer.Ordinal))
        {
            // Only a real folder of ours (a link, or a folder someone else made, is never an event of this recorder).
            if (record.StatChild(name) is not { } st || (st.Mode & NativeFile.TypeMask) != NativeFile.Directory || (st.Uid != 0 && st.Uid != me)) continue;
            using var folder = record.OpenChild(name);
            var files = folder.Names().Select(f => (Name: f, Stat: folder.StatChild(f))).ToList();
            if (!files.Any(f => f.Name == "fired.json" && f.Stat is { } s && (s.Mode & NativeFile.TypeMask) == NativeFile.Regular)) continue;
            events.Add((name, files.Sum(f => f.Stat is { } s && (s.Mode & NativeFile.TypeMask) == NativeFile.Regular ? s.Size : 0)));
        }
        var total = events.Sum(e => e.Size);
        foreach (var old in events.Where(e => e.Name != keep))
        {
            if (total <= maxBytes) break;
            if (Delete(record, old.Name)) total -= old.Size;
        }
    }

    /// <summary>Unlinks every entry of the event folder through its handle (a link itself, never what it points to; a sub-folder is not descended and keeps the folder), then the folder.</summary>
    private static bool Delete(DirectoryHandle record, string name)
    {
        using (var folder = record.OpenChild(name))
        {
            foreach (var entry in folder.Names()) folder.Remove(entry, folder: false);
        }
        return record.Remove(name, folder: true);
    }

    [GeneratedRegex(@"^[0-9]{8}T[0-9]{6}Z-[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EventName();
}
