namespace NetBufRules.Primitives;

/// <summary>
/// Writes a file netbufrules makes for the user (a snapshot, a textfile, a flight-recorder event, a fix) so that no one
/// else can steer where the bytes go: it runs as root, often into folders other users may write to. The content goes
/// to a temporary file in the same folder under an unguessable name, created new (O_EXCL, so a link planted there is
/// never followed), and is renamed over the target, which replaces a link at the target instead of writing to its
/// target. A reader sees the old file or the new one, never half of it.
/// </summary>
internal static class OwnFile
{
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> (UTF-8, mode 0644 less the umask).</summary>
    public static void Write(string path, string content) => Write(path, content, exactMode: null, beforeRename: null, durable: false);

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/>: the file gets <paramref name="exactMode"/>
    /// whatever the umask (created for its owner alone until then), or 0644 less the umask when null; the temporary
    /// file is handed to <paramref name="beforeRename"/> once written (to give it an owner), and flushed to disk first
    /// when <paramref name="durable"/>.
    /// </summary>
    public static void Write(string path, string content, UnixFileMode? exactMode, Action<string>? beforeRename, bool durable)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("netbufrules writes Linux files");
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = exactMode is null ? Readable : UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                writer.Write(content);
                writer.Flush();
                if (durable) stream.Flush(flushToDisk: true);
            }
            if (exactMode is { } mode) File.SetUnixFileMode(temporary, mode);
            beforeRename?.Invoke(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            // A failed write leaves no temporary behind (File.Delete removes a link itself, never its target).
            if (File.Exists(temporary) || new FileInfo(temporary).LinkTarget is not null) File.Delete(temporary);
        }
    }
}
