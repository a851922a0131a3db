using NetBufRules.Primitives;

namespace NetBufRules.Policy;

/// <summary>
/// Where probe programs come from: by name only, on a fixed system PATH (never the caller's), and only a file that
/// root owns in folders only root can write (the file, its link and every parent, up to '/').
/// The invoking user, never a playbook, may narrow the PATH with <c>NETBUFRULES_PROBE_PATH</c> (same checks).
/// </summary>
internal static class ProbePath
{
    /// <summary>The system PATH probes are looked up on.</summary>
    public const string System = "/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The environment variable that replaces <see cref="System"/> for this run.</summary>
    public const string Variable = "NETBUFRULES_PROBE_PATH";

    /// <summary>The PATH in effect: <see cref="Variable"/> when set, else <see cref="System"/>.</summary>
    public static string Current => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } p ? p : System;

    /// <summary>Finds <paramref name="name"/> on <paramref name="searchPath"/>: the file to run, or why there is none.</summary>
    public static (string? File, string? Problem) Resolve(string name, string searchPath)
    {
        if (name.Length == 0 || name.Contains('/') || name is "." or "..")
            return (null, $"'{name}' is a path; probes name a program, found on {searchPath}");
        foreach (var dir in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(d => d.StartsWith('/')).Distinct(StringComparer.Ordinal))
        {
            var candidate = Path.Combine(dir, name);
            if (!File.Exists(candidate)) continue;
            return Unsafe(candidate) is { } why ? (null, $"{candidate} {why}; refusing to run it") : (candidate, null);
        }
        return (null, $"{name} not found on {searchPath}");
    }

    /// <summary>Why <paramref name="file"/> is not safe to run as root, or null: it and every folder above it, link and target, must be root's alone.</summary>
    public static string? Unsafe(string file)
    {
        var real = NativeFile.RealPath(file);
        if (real is null) return "cannot be resolved";
        var info = NativeFile.Stat(real);
        if (info is not { } st || (st.Mode & NativeFile.TypeMask) != NativeFile.Regular) return $"is not a regular file ({real})";
        if (st.Uid != 0) return $"is not owned by root ({real})";
        if ((st.Mode & NativeFile.GroupOrOthersWrite) != 0) return $"is writable by others than root ({real})";
        return Folders(Path.GetDirectoryName(file)!, 0) ?? Folders(Path.GetDirectoryName(real)!, 0);
    }

    /// <summary>Why <paramref name="dir"/> or a folder above it could be changed by someone other than root; a link is followed and its target checked too.</summary>
    private static string? Folders(string dir, int depth)
    {
        for (var d = dir; !string.IsNullOrEmpty(d); d = Path.GetDirectoryName(d))
        {
            if (NativeFile.Stat(d, follow: false) is not { } st) return $"sits in {d}, which cannot be checked";
            if (st.Uid != 0) return $"sits in {d}, which is not owned by root";
            if ((st.Mode & NativeFile.TypeMask) == NativeFile.Directory)
            {
                if ((st.Mode & NativeFile.GroupOrOthersWrite) != 0) return $"sits in {d}, which others than root can write";
            }
            else if (depth > 8 || NativeFile.RealPath(d) is not { } target || Folders(target, depth + 1) is not null)
            {
                return $"sits in {d}, a link to a folder others than root could change";
            }
            if (d == "/") break;
        }
        return null;
    }
}
