namespace NetBufRules.Primitives;

/// <summary>
/// Reads a file the user named, only when <see cref="InputFile"/> lets it be read (a regular file, never a kernel or
/// device file, a FIFO or an endless stream) and at most a cap.
/// </summary>
internal static class BoundedFile
{
    /// <summary>
    /// The text of <paramref name="path"/>; a <see cref="BoundedFileException"/> says why it was refused. With
    /// <paramref name="followLinks"/> false a symbolic link is refused (a config or pack manifest).
    /// </summary>
    public static string ReadText(string path, int maxBytes, bool followLinks = true)
    {
        using var handle = InputFile.Open(path, followLinks);
        return ReadText(handle, path, maxBytes);
    }

    /// <summary>The text of a file already opened by <see cref="InputFile.Open"/> (shown as <paramref name="path"/>), at most <paramref name="maxBytes"/>.</summary>
    public static string ReadText(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path, int maxBytes)
    {
        using var stream = new FileStream(handle, FileAccess.Read, 64 * 1024);
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int n;
        // Counted while reading, not from the length: a file can grow, and /proc files say 0.
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > maxBytes)
                throw new BoundedFileException($"'{path}' is larger than {Size(maxBytes)}, the limit for this kind of file");
            buffer.Write(chunk, 0, n);
        }
        var bytes = buffer.GetBuffer();
        var bom = buffer.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return System.Text.Encoding.UTF8.GetString(bytes, bom, (int)buffer.Length - bom);
    }

    private static string Size(int bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes / 1024} KiB";
}
