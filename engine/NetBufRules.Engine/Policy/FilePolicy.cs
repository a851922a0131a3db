using System.Text.RegularExpressions;

namespace NetBufRules.Policy;

/// <summary>
/// Where a <c>file:</c> source may read: regular files under /proc or /sys, by a canonical path, minus secrets and reads
/// that change state. Checked on the written path at load and on the fully resolved path (symlinks followed) at run time.
/// </summary>
internal static partial class FilePolicy
{
    // A process's own folder (/proc/PID, /proc/self, /proc/thread-self, and their task/TID folders).
    private const string ProcessDir = @"^/proc/(\d+|self|thread-self)(/task/(\d+))?";

    [GeneratedRegex(ProcessDir + @"/(environ|mem|cmdline|root|cwd|exe|fd|map_files|pagemap|auxv|syscall|stack|clear_refs|timers|attr|ns|maps|smaps|smaps_rollup|numa_maps)(/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ProcessSecret();

    [GeneratedRegex(@"^/proc/(kmsg|kcore|kpage\w*|keys|key-users|sysrq-trigger|kallsyms|modules|timer_list|vmallocinfo|iomem|ioports|sys/fs/binfmt_misc|sys/vm/drop_caches|sys/vm/compact_memory|sys/net/ipv4/tcp_fastopen_key|sys/net/ipv6/conf/[^/]+/stable_secret)(/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ProcSecret();

    // Devices' binary spaces under /proc, as /sys/devices/.../config is: PCI config space and BARs (/proc/bus/pci), USB
    // descriptors (/proc/bus/usb), IDE identify and SMART data (/proc/ide). Raw bytes, nothing a playbook needs.
    [GeneratedRegex(@"^/proc/(bus/pci|bus/usb|ide)(/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ProcDevice();

    // zram-control's hot_add is world-readable and makes a new zram device on every read (its answer is the new
    // device's number): a read with side effects whatever its mode, as every *hot_add is.
    [GeneratedRegex(@"^/sys/(kernel/(debug|tracing|security|config|mm/page_idle)|firmware|fs/bpf|class/zram-control|devices/.*/(eeprom|rom|config|resource\d*(_wc)?|vpd|nvmem)|class/.*/(eeprom|nvmem)|.*/hot_add)(/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SysDenied();

    /// <summary>The readable roots.</summary>
    public static readonly IReadOnlyList<string> Roots = ["/proc/", "/sys/"];

    /// <summary>Why <paramref name="path"/> may not be a file source as written, or null when it may.</summary>
    public static string? CheckWritten(string path)
    {
        if (path.Any(char.IsControl)) return "has a control character";
        if (!path.StartsWith('/')) return "is not an absolute path";
        if (path.Contains("//", StringComparison.Ordinal) || path.EndsWith('/') || path.Split('/').Skip(1).Any(p => p is "." or ".."))
            return "is not canonical (no '//', '.', '..' or trailing '/')";
        if (!Roots.Any(r => path.StartsWith(r, StringComparison.Ordinal)))
            return "is outside /proc and /sys";
        // A per-row probe ('each') fills {column} from host data: a placeholder may stand only for a whole folder name,
        // never for the file read, and the path must be allowed whatever the row holds (checked with a pid for each).
        var segments = path.Split('/');
        if (segments.Any(s => s.Contains('{', StringComparison.Ordinal) && !ArgumentKind.IsPlaceholder(s)) || ArgumentKind.IsPlaceholder(segments[^1]))
            return "has a {placeholder} that is not a whole folder name before the file (host data must never choose the file read)";
        return Denied(string.Join('/', segments.Select(s => ArgumentKind.IsPlaceholder(s) ? "1" : s)));
    }

    /// <summary>Why the file at <paramref name="resolved"/> (symlinks followed) may not be read, or null when it may.</summary>
    public static string? CheckResolved(string resolved)
    {
        if (!Roots.Any(r => resolved.StartsWith(r, StringComparison.Ordinal)))
            return $"resolves to {resolved}, outside /proc and /sys";
        return Denied(resolved) is { } why ? $"resolves to {resolved}, which {why}" : null;
    }

    private static string? Denied(string path)
    {
        if (ProcessSecret().IsMatch(path))
            return "is a process's secret or a way out of /proc (environ, mem, cmdline, root, cwd, exe, fd, map_files, pagemap, ...)";
        if (ProcSecret().IsMatch(path))
            return "is a kernel secret or a read with side effects (/proc/kmsg, kcore, kpage*, keys, kallsyms, sysrq-trigger, tcp_fastopen_key, stable_secret, ...)";
        if (ProcDevice().IsMatch(path))
            return "is a device's config space or raw data (/proc/bus/pci, /proc/bus/usb, /proc/ide), as a device's config or rom under /sys is";
        if (SysDenied().IsMatch(path))
            return "is debug, tracing, security, firmware, device memory or a read that makes a device (/sys/kernel/debug, /sys/kernel/tracing, /sys/firmware, a device's config or rom, zram-control/hot_add, ...)";
        return null;
    }
}
