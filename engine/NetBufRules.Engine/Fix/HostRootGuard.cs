using NetBufRules.Primitives;

namespace NetBufRules.Fix;

/// <summary>
/// Whether a <c>--root</c> or <c>--write</c> folder is this host's own root, where a write would change the host
/// without a backup, a 'then' or a verification. Judged by identity (device and inode), not by path: a bind mount of
/// '/' (a container's <c>-v /:/host</c>, a rescue mount) or of a fix folder (an image whose etc/sysctl.d is the
/// host's) has another path but is the same folder, and writing there writes the host.
/// </summary>
internal static class HostRootGuard
{
    /// <summary>
    /// Why writing fixes under <paramref name="dir"/> would write this host's folders, or null when it would not. A fix
    /// folder is judged only when both it and the host's exist (a missing one is created under the root, never the host's).
    /// </summary>
    public static string? Problem(string dir, IEnumerable<string> fixDirectories, string hostRoot = "/")
    {
        if (!OperatingSystem.IsLinux()) return null;
        var full = Path.GetFullPath(dir);
        if (NativeFile.Identity(full) is { } mine && NativeFile.Identity(hostRoot) is { } host && mine == host)
            return $"'{dir}' is this host's root folder ({Name(full, hostRoot)})";
        foreach (var fixDir in fixDirectories.Append("/etc/"))
        {
            var relative = fixDir.TrimStart('/');
            var under = Path.Join(full, relative);
            var hosts = Path.Join(hostRoot, relative);
            if (NativeFile.Identity(under) is { } u && NativeFile.Identity(hosts) is { } h && u == h)
                return $"{under.TrimEnd('/')} is this host's {Path.Join("/", relative).TrimEnd('/')} (the same folder, reached through a bind mount or a link)";
        }
        return null;
    }

    private static string Name(string full, string hostRoot) =>
        hostRoot == "/" ? "the same folder as '/', reached through a bind mount or a link" : $"the same folder as '{hostRoot}'";
}
