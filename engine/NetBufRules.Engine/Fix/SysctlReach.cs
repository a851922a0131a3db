namespace NetBufRules.Fix;

/// <summary>
/// Whether a sysctl drop-in can take effect from where this run is. Inside a network namespace other than the host's,
/// the kernel shows the host-wide <c>net.*</c> keys (<c>net.core.rmem_max</c>, <c>wmem_max</c>, <c>rmem_default</c>...)
/// with mode 0444, and leaves out others altogether (<c>net.ipv4.udp_mem</c>, <c>tcp_mem</c>): <c>sysctl -p</c> cannot
/// set them there, so a fix that holds one is not attempted (it failed, and its rollback had undone every other
/// playbook's fix). The kernel's own answer is used: the mode of the key's /proc/sys file, which is what decides
/// whether a write is accepted; the network namespace (against PID 2's, kthreadd: PID 1 may be unreadable) only
/// chooses the words.
/// </summary>
internal static class SysctlReach
{
    private const uint WriteBits = 0b010_010_010;

    /// <summary>
    /// Why <paramref name="content"/> (a sysctl drop-in) cannot take effect from here, naming every key that cannot be
    /// set, or null when every key can be.
    /// </summary>
    public static string? NotHere(string content, string procRoot = "/proc")
    {
        if (!OperatingSystem.IsLinux()) return null;
        var otherNamespace = new Lazy<bool>(() => InOtherNetworkNamespace(procRoot));
        var keys = new List<string>();
        var host = true;
        foreach (var (raw, _) in SysctlDropIn.Settings(content))
        {
            var key = SysctlDropIn.NormalKey(raw);
            var file = Path.Join(procRoot, "sys", key.Replace('.', '/'));
            var stat = Primitives.NativeFile.Stat(file);
            if (stat is { } st && (st.Mode & WriteBits) != 0) continue;
            var network = key.StartsWith("net.", StringComparison.Ordinal) && otherNamespace.Value;
            // A key missing on the host itself (a module not loaded) is sysctl's own error to report, not a namespace's.
            if (stat is null && !network) continue;
            keys.Add(key);
            host &= network;
        }
        if (keys.Count == 0) return null;
        var names = string.Join(", ", keys);
        var one = keys.Count == 1;
        return host
            ? $"{names} {(one ? "is" : "are")} set for the whole host (read-only or absent in this network namespace); apply {(one ? "it" : "them")} from the host's namespace"
            : $"{names} {(one ? "is" : "are")} read-only here; the kernel would not take {(one ? "it" : "them")}";
    }

    /// <summary>Whether this run's network namespace differs from the host's (kthreadd's); true when that cannot be told.</summary>
    private static bool InOtherNetworkNamespace(string procRoot)
    {
        var (own, host) = NetworkNamespaces.Of(procRoot);
        return own is null || host is null || own != host;
    }
}
