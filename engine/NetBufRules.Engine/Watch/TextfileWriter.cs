namespace NetBufRules.Watch;

/// <summary>Writes node_exporter's textfile: a temporary file in the same folder renamed over the old one, so a scrape never reads half a file.</summary>
internal static class TextfileWriter
{
    /// <summary>The file name node_exporter's textfile collector picks up.</summary>
    public const string FileName = "netbufrules.prom";

    /// <summary>Replaces <see cref="FileName"/> in <paramref name="directory"/> with <paramref name="content"/>; returns its path.</summary>
    public static string Write(string directory, string content)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the textfile collector is node_exporter's, on Linux");
        var path = Path.Combine(directory, FileName);
        // The temporary name does not end in .prom, so the collector never reads it. Watch runs as root in a folder
        // other users may write to: the name is unguessable and the file is created new (O_EXCL), so a link planted
        // there is never followed and never written through; the rename replaces a link at FileName, not its target.
        var temporary = Path.Combine(directory, $".{FileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            }))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
            {
                writer.Write(content);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            // A failed write leaves no temporary behind (File.Delete removes a link itself, never its target).
            if (File.Exists(temporary) || new FileInfo(temporary).LinkTarget is not null) File.Delete(temporary);
        }
        return path;
    }
}
