namespace NetBufRules.Watch;

/// <summary>Writes node_exporter's textfile: a temporary file in the same folder renamed over the old one, so a scrape never reads half a file.</summary>
internal static class TextfileWriter
{
    /// <summary>The file name node_exporter's textfile collector picks up.</summary>
    public const string FileName = "netbufrules.prom";

    /// <summary>Replaces <see cref="FileName"/> in <paramref name="directory"/> with <paramref name="content"/>; returns its path.</summary>
    public static string Write(string directory, string content)
    {
        // Watch runs as root in a folder node_exporter's group may write to: nothing planted there steers the write.
        // The temporary file's name starts with '.' and does not end in .prom, so the collector never reads it.
        var path = Path.Combine(directory, FileName);
        // 0644 whatever the umask (the service runs with UMask=0077): node_exporter must read it, and it holds no raw output.
        Primitives.OwnFile.Write(path, content, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, beforeRename: null, durable: false);
        return path;
    }
}
