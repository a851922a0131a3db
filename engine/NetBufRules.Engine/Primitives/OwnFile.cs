namespace NetBufRules.Primitives;

/// <summary>
/// Writes a file netbufrules makes for the user (a snapshot, a textfile, a flight-recorder event, a fix) so that no one
/// else can steer where the bytes go: it runs as root, often into folders other users may write to. The content goes
/// to a temporary file in the same folder under an unguessable name, created new (O_EXCL, so a link planted there is
/// never followed), and is renamed over the target. A reader sees the old file or the new one, never half of it.
/// </summary>
/// <remarks>
/// Only a new file or a regular one is replaced: a device, FIFO, socket, folder or link at the target is refused, so
/// <c>collect -o /dev/null</c> run as root never puts a file where the null device was. The default mode is 0600: a
/// snapshot holds what only root may read (the kernel log, every process's sockets).
/// </remarks>
internal static class OwnFile
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> (UTF-8, mode 0600 less the umask).</summary>
    public static void Write(string path, string content) => Write(path, content, exactMode: null, beforeRename: null, durable: false);

    /// <summary>Why <paramref name="path"/> may not be written (something other than a regular file is there), or null.</summary>
    public static string? TargetProblem(string path)
    {
        if (NativeFile.Stat(path, follow: false) is not { } st || (st.Mode & NativeFile.TypeMask) == NativeFile.Regular) return null;
        return $"'{path}' is {NativeFile.Kind(st.Mode)}; netbufrules replaces only a regular file (name a new file)";
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/>: the file gets <paramref name="exactMode"/>
    /// whatever the umask (created for its owner alone until then), or 0600 less the umask when null; the temporary
    /// file is handed to <paramref name="beforeRename"/> once written (to give it an owner), and flushed to disk first
    /// when <paramref name="durable"/>.
    /// </summary>
    public static void Write(string path, string content, UnixFileMode? exactMode, Action<string>? beforeRename, bool durable) =>
        Write(path, new System.Text.UTF8Encoding(false).GetBytes(content), exactMode, beforeRename, durable);

    /// <summary>As <see cref="Write(string, string, UnixFileMode?, Action{string}?, bool)"/>, with the file's exact bytes (a backup restored as it was, whatever its encoding).</summary>
    public static void Write(string path, byte[] content, UnixFileMode? exactMode, Action<string>? beforeRename, bool durable)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("netbufrules writes Linux files");
        var full = Path.GetFullPath(path);
        if (TargetProblem(full) is { } problem) throw new IOException(problem);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Private }))
            {
                stream.Write(content);
                stream.Flush();
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
