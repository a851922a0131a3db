namespace NetBufRules.Fix;

/// <summary>
/// The configuration files a fix is compared with, read on the target: this host, or an image at a root. One way to
/// list a folder's <c>*.conf</c> and to read one of them, for the boot's sysctl files and for the limits and unit files
/// alike.
/// </summary>
internal static class TargetConfig
{
    /// <summary>The <c>*.conf</c> files of <paramref name="folder"/> on the target, by their path there, in name order.</summary>
    public static IReadOnlyList<string> Files(string? root, string folder)
    {
        var at = root is null ? folder : Path.Join(root, folder);
        if (!Directory.Exists(at)) return [];
        try
        {
            return Directory.GetFiles(at, "*.conf").Select(f => Path.Join(folder, Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// The text of <paramref name="file"/> on the target, or null: only a regular file within the cap (a FIFO or device
    /// named *.conf would block the read or never end), and under a root only one that does not lead outside it (the
    /// image's files, not the build host's). A file this run cannot read is null too.
    /// </summary>
    public static string? Text(string? root, string file)
    {
        var at = root is null ? file : Path.Join(root, file);
        if (!File.Exists(at)) return null;
        if (root is not null && (Primitives.NativeFile.RealPath(at) is not { } real || !real.StartsWith(Path.GetFullPath(root).TrimEnd('/') + "/", StringComparison.Ordinal))) return null;
        if (Primitives.NativeFile.Stat(at) is not { } st || (st.Mode & Primitives.NativeFile.TypeMask) != Primitives.NativeFile.Regular) return null;
        if (Primitives.NativeFile.Size(at) is not { } size || size > FixPlanner.MaxCurrentBytes) return null;
        try
        {
            return File.ReadAllText(at);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
