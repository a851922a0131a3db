namespace NetBufRules.Render.Content;

/// <summary>
/// The settings a fix may write: sysctls that are buffer, queue or table limits, the open-files limit, and a service's
/// memory limits. Each is a limit that the pack raises; nothing here changes behaviour other than how much fits.
/// </summary>
internal static class FixKeys
{
    /// <summary>The kernel's largest int sysctl value.</summary>
    public const long IntMax = int.MaxValue;

    /// <summary>The open-files limit used as the ceiling when the run did not measure fs.nr_open (the kernel's default nr_open).</summary>
    public const long DefaultNrOpen = 1_048_576;

    /// <summary>The lowest open-files limit a fix may write: the kernel's default soft limit, so no fix can starve a login or a service.</summary>
    public const long MinNofile = 1024;

    /// <summary>The lowest memory limit a fix may write to a service (256 MiB): a smaller one caps a service rather than raising its limit.</summary>
    public const long MinMemory = 256L << 20;

    /// <summary>The largest memory limit a fix may write as a number (1 PiB); <c>infinity</c> lifts the limit.</summary>
    public const long MaxMemory = 1L << 50;

    /// <summary>The sysctls a fix may set, by name.</summary>
    public static readonly IReadOnlyDictionary<string, SysctlKey> Sysctls = new SysctlKey[]
    {
        new("net.core.somaxconn", 1, 1 << 20, "listen() backlog ceiling"),
        new("net.core.netdev_max_backlog", 1, 1 << 20, "per-CPU input queue"),
        new("net.core.netdev_budget", 1, 1 << 16, "packets per softirq round"),
        new("net.core.netdev_budget_usecs", 1, 100_000, "time per softirq round (at most 100 ms, or softirqs starve the CPU)"),
        new("net.core.rmem_max", 1, IntMax, "SO_RCVBUF ceiling"),
        new("net.core.wmem_max", 1, IntMax, "SO_SNDBUF ceiling"),
        new("net.core.rmem_default", 1, IntMax, "default receive buffer"),
        new("net.core.wmem_default", 1, IntMax, "default send buffer"),
        new("net.core.optmem_max", 1, IntMax, "ancillary buffer per socket"),
        new("net.ipv4.tcp_max_syn_backlog", 1, 1 << 20, "SYN queue"),
        new("net.ipv4.tcp_rmem", 3, IntMax, "TCP receive buffer min, default, max"),
        new("net.ipv4.tcp_wmem", 3, IntMax, "TCP send buffer min, default, max"),
        new("net.ipv4.tcp_mem", 3, 1L << 40, "TCP memory in pages: min, pressure, max"),
        new("net.ipv4.udp_mem", 3, 1L << 40, "UDP memory in pages: min, pressure, max"),
        new("net.ipv4.udp_rmem_min", 1, IntMax, "smallest UDP receive buffer under pressure"),
        new("net.ipv4.udp_wmem_min", 1, IntMax, "smallest UDP send buffer under pressure"),
        new("net.ipv4.igmp_max_memberships", 1, 1 << 16, "multicast groups per socket"),
        new("net.ipv4.igmp_max_msf", 1, 1 << 16, "multicast source filters per socket"),
        new("net.ipv4.neigh.default.gc_thresh1", 1, 1 << 24, "neighbour entries kept without collection"),
        new("net.ipv4.neigh.default.gc_thresh2", 1, 1 << 24, "neighbour soft maximum"),
        new("net.ipv4.neigh.default.gc_thresh3", 1, 1 << 24, "neighbour hard maximum"),
        new("net.ipv6.neigh.default.gc_thresh1", 1, 1 << 24, "IPv6 neighbour entries kept without collection"),
        new("net.ipv6.neigh.default.gc_thresh2", 1, 1 << 24, "IPv6 neighbour soft maximum"),
        new("net.ipv6.neigh.default.gc_thresh3", 1, 1 << 24, "IPv6 neighbour hard maximum"),
        new("net.ipv4.xfrm4_gc_thresh", 1, IntMax, "xfrm bundle cache before Linux 4.14"),
        new("net.ipv6.xfrm6_gc_thresh", 1, IntMax, "IPv6 xfrm bundle cache before Linux 4.14"),
        new("net.ipv6.route.max_size", 1, 1 << 24, "IPv6 routing table size"),
        new("net.ipv6.mld_max_msf", 1, 1 << 16, "IPv6 multicast source filters per socket"),
        new("net.unix.max_dgram_qlen", 1, 1 << 20, "Unix datagram queue"),
        new("fs.file-max", 1, long.MaxValue, "system-wide open files"),
        new("fs.nr_open", 1, 1_073_741_816, "largest open-files limit a process may have (the kernel's own maximum)"),
        new("vm.min_free_kbytes", 1, 1 << 20, "reserve for atomic allocations (at most 1 GiB: more starves user space on a small host)"),
    }.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>The systemd settings a fix may write in a service's <c>[Service]</c> section.</summary>
    public static readonly IReadOnlyList<string> SystemdKeys = ["LimitNOFILE", "MemoryMax", "MemoryHigh"];

    /// <summary>The limits.d items a fix may write.</summary>
    public static readonly IReadOnlyList<string> LimitsItems = ["nofile"];
}
