namespace NetBufRules.Fix;

/// <summary>
/// Whether the sysctl values this run reads are the ones of the host whose /etc/sysctl.d a fix would write. In a network
/// namespace entered without a private sysctl.d (plain <c>ip netns exec</c>, a container sharing /etc), the running
/// values are the namespace's while the file is the host's: 4096 read in the namespace was written over a host that runs
/// 65535. <c>ip netns exec</c> with <c>/etc/netns/NAME/sysctl.d</c> gives the namespace a folder of its own: then both
/// are the namespace's. The host is what kthreadd (PID 2) sees: its network namespace and its /etc/sysctl.d.
/// </summary>
internal static class HostSysctlView
{
    /// <summary>Why values read here cannot stand for the host whose /etc/sysctl.d would be written, or null when they can.</summary>
    public static string? Problem(string procRoot = "/proc", string sysctlDir = "/etc/sysctl.d")
    {
        if (!OperatingSystem.IsLinux()) return null;
        var (own, host) = NetworkNamespaces.Of(procRoot);
        if (own is null || host is null || own == host) return null;
        var mine = Primitives.NativeFile.Identity(sysctlDir);
        var theirs = Primitives.NativeFile.Identity(Path.Join(procRoot, "2/root", sysctlDir));
        // The folder cannot be told apart: the host's may be the one written, with values it was never compared with.
        if (mine is null || theirs is null || mine == theirs)
            return $"this run is in a network namespace ({own}) whose sysctl values are its own, but {sysctlDir} is the host's: the host's values were not compared; run netbufrules fix on the host, or give the namespace its own folder (/etc/netns/NAME/sysctl.d)";
        return null;
    }
}
