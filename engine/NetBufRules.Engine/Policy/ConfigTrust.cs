using Microsoft.Win32.SafeHandles;
using NetBufRules.Primitives;

namespace NetBufRules.Policy;

/// <summary>
/// Whether a <c>.netbufrules.yaml</c> found beside the playbooks or in a parent folder (not named with <c>--config</c>)
/// may widen the policy. Like sshd's StrictModes: a root run must not take its allowlist from a file someone else
/// could have written, so the file must be regular, owned by root or by the user running netbufrules, not writable by
/// group or others, and no folder from the scanned path up to '/' writable by others unless sticky (in /tmp only a
/// file's owner may rename or remove it; a file planted there by someone else fails the owner rule).
/// </summary>
internal static class ConfigTrust
{
    /// <summary>
    /// Why the opened config <paramref name="handle"/> (found at <paramref name="file"/> by a scan of
    /// <paramref name="scanned"/>) may not be used, with a hint; null when it may.
    /// </summary>
    public static (string Why, string Hint)? Check(SafeFileHandle handle, string file, string scanned)
    {
        var named = $"name it with --config {file} if you trust it";
        if (NativeFile.Stat(handle) is not { } st) return ("cannot be checked: its owner and mode are unknown", named);
        if ((st.Mode & NativeFile.TypeMask) != NativeFile.Regular) return ("is not a regular file", "make it a plain file in the repository");
        var me = NativeFile.EffectiveUid();
        if (st.Uid != 0 && st.Uid != me)
            return ($"is owned by uid {st.Uid}, neither root nor the user running netbufrules (uid {me?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}), so someone else could have written its allowlist",
                $"chown it to root or to yourself; or {named}");
        if ((st.Mode & NativeFile.GroupOrOthersWrite) != 0)
            return ($"is writable by {((st.Mode & NativeFile.OthersWrite) != 0 ? "others" : "its group")} (mode {NativeFile.Octal(st.Mode)}), so someone else could have written its allowlist",
                $"chmod go-w {file}; or {named}");
        foreach (var folder in Folders(Path.GetDirectoryName(Path.GetFullPath(file))!).Concat(Folders(Directory.Exists(scanned) ? scanned : Path.GetDirectoryName(Path.GetFullPath(scanned))!)).Distinct(StringComparer.Ordinal))
        {
            if (NativeFile.Stat(folder) is not { } dir) return ($"sits below {folder}, which cannot be checked", named);
            if ((dir.Mode & NativeFile.OthersWrite) != 0 && (dir.Mode & NativeFile.Sticky) == 0)
                return ($"sits below {folder}, which others can write (mode {NativeFile.Octal(dir.Mode)}, not sticky), so someone else could put a config there or swap this one",
                    $"chmod o-w {folder}; or {named}");
        }
        return null;
    }

    /// <summary><paramref name="folder"/> (links resolved) and every folder above it, up to '/'.</summary>
    private static IEnumerable<string> Folders(string folder)
    {
        for (var d = NativeFile.RealPath(folder) ?? Path.GetFullPath(folder); !string.IsNullOrEmpty(d); d = Path.GetDirectoryName(d))
            yield return d;
    }
}
