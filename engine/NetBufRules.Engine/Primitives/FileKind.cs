namespace NetBufRules.Primitives;

/// <summary>Links and the folders they lead to, for folder scans (what a file is: <see cref="NativeFile"/> and <see cref="InputFile"/>).</summary>
internal static class FileKind
{
    /// <summary>Whether <paramref name="path"/> itself is a symbolic link.</summary>
    public static bool IsSymlink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>The full path of <paramref name="folder"/> with its own symlink resolved, ending in a separator.</summary>
    public static string RealFolder(string folder)
    {
        var top = new DirectoryInfo(folder);
        var real = top.LinkTarget is null ? top.FullName : top.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? top.FullName;
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(real)) + Path.DirectorySeparatorChar;
    }

    /// <summary>Whether the symlink <paramref name="link"/> ends at a path inside <paramref name="root"/> (from <see cref="RealFolder"/>).</summary>
    public static bool TargetInside(string link, string root)
    {
        try
        {
            return File.ResolveLinkTarget(link, returnFinalTarget: true) is { } target
                && Path.GetFullPath(target.FullName).StartsWith(root, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
