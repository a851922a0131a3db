using System.Globalization;

namespace NetBufRules.Primitives;

/// <summary>
/// Whether netbufrules, often root, may write (or delete) in a folder the user named: only when no one else could swap
/// what it writes through. The folder must be owned by root or by the user running netbufrules and writable by no one
/// else (group and others), and so must every folder above it, except that a sticky folder writable by all (/tmp) is
/// fine above it: there only an entry's owner may rename or remove it. Like the config trust rule (ConfigTrust).
/// </summary>
internal static class FolderTrust
{
    /// <summary>Why <paramref name="folder"/> may not be written in, with the fix, or null when it may.</summary>
    public static string? Problem(string folder)
    {
        var real = NativeFile.RealPath(folder) ?? Path.GetFullPath(folder);
        if (NativeFile.Stat(real) is not { } own) return $"'{folder}' cannot be checked (its owner and mode are unknown)";
        if ((own.Mode & NativeFile.TypeMask) != NativeFile.Directory) return $"'{folder}' is not a folder";
        if (Untrusted(real, own, allowSticky: false) is { } why) return why;
        for (var above = Path.GetDirectoryName(real); !string.IsNullOrEmpty(above); above = Path.GetDirectoryName(above))
        {
            if (NativeFile.Stat(above) is not { } st) return $"'{above}' (above '{folder}') cannot be checked (its owner and mode are unknown)";
            if (Untrusted(above, st, allowSticky: true) is { } whyAbove) return whyAbove;
        }
        return null;
    }

    /// <summary>As <see cref="Problem"/> for the nearest folder of <paramref name="path"/> that exists (what netbufrules creates below it is its own).</summary>
    public static string? ProblemOfNearest(string path)
    {
        var at = Path.GetFullPath(path);
        while (!Directory.Exists(at) && Path.GetDirectoryName(at) is { } up) at = up;
        return Problem(at);
    }

    /// <summary>Why the folder <paramref name="path"/> with <paramref name="stat"/> lets someone else change what is in it, or null.</summary>
    public static string? Untrusted(string path, (uint Uid, uint Gid, uint Mode) stat, bool allowSticky)
    {
        var me = NativeFile.EffectiveUid();
        if (stat.Uid != 0 && stat.Uid != me)
            return $"'{path}' is owned by uid {stat.Uid.ToString(CultureInfo.InvariantCulture)}, neither root nor the user running netbufrules, who could swap what is written there (hint: chown it to root or to yourself)";
        if ((stat.Mode & NativeFile.GroupOrOthersWrite) != 0 && !(allowSticky && (stat.Mode & NativeFile.Sticky) != 0))
            return $"'{path}' is writable by {((stat.Mode & NativeFile.OthersWrite) != 0 ? "others" : "its group")} (mode {NativeFile.Octal(stat.Mode)}), who could swap what is written there for a link (hint: chmod go-w {path})";
        return null;
    }
}
