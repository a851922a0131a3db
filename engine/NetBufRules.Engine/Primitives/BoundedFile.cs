namespace NetBufRules.Primitives;

/// <summary>Reads a file the user named, only when it is a regular file and at most a cap: never a device, a FIFO or an endless stream.</summary>
internal static class BoundedFile
{
    /// <summary>The text of <paramref name="path"/>; a <see cref="BoundedFileException"/> says why it was refused.</summary>
    public static string ReadText(string path, int maxBytes)
    {
        if (!FileKind.IsRegularFile(path))
            throw new BoundedFileException($"'{path}' is not a regular file (a device, FIFO or socket is never read)");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024);
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
