using System.Globalization;

namespace NetBufRules.Fix;

/// <summary>
/// <c>vm.min_free_kbytes</c> is not a limit but memory the kernel keeps free, taken from every process: "only raise"
/// does not make a raise harmless (1 GiB on a 1 GiB host leaves user space nothing). A fix may raise it to at most a
/// twentieth of the target's RAM, read by the engine itself from /proc/meminfo on this host; where the target's RAM
/// is not this host's (<c>--root</c>, <c>--write</c>) to at most 64 MiB, the pack's own advice. Keeping the value the
/// host already runs is never refused.
/// </summary>
internal static class MemoryReserve
{
    /// <summary>The key.</summary>
    public const string Key = "vm.min_free_kbytes";

    /// <summary>The share of RAM the reserve may reach: 5 %.</summary>
    public const int RamDivisor = 20;

    /// <summary>The reserve a fix may set where the target's RAM is unknown, in KiB (64 MiB).</summary>
    public const long UnknownRamCeilingKb = 65536;

    /// <summary>
    /// Why <paramref name="content"/> (a sysctl.d file) may not be written, or null. <paramref name="runtime"/> reads the
    /// running value (null when the target is not this host); <paramref name="memTotalKb"/> gives this host's RAM.
    /// </summary>
    public static string? Problem(string content, Func<string, string?>? runtime, Func<long?> memTotalKb)
    {
        foreach (var (key, value) in SysctlDropIn.Settings(content).Where(s => SysctlDropIn.NormalKey(s.Key) == Key))
        {
            if (!long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var wanted)) continue;   // WouldLower refuses it
            var running = runtime?.Invoke(Key) is { } r && long.TryParse(r.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var now) ? now : (long?)null;
            if (running is { } kept && wanted <= kept) continue;
            var ram = runtime is null ? null : memTotalKb();
            var ceiling = ram is { } kb ? kb / RamDivisor : UnknownRamCeilingKb;
            if (wanted <= ceiling) continue;
            return ram is { } total
                ? $"{key} = {value} would keep {Mib(wanted)} of this host's {Mib(total)} RAM free, more than a {RamDivisor}th ({Mib(ceiling)}): the reserve is taken from every process, so it is not written"
                : $"{key} = {value} would keep {Mib(wanted)} free on a target whose RAM this run cannot read (--root or --write); above {Mib(UnknownRamCeilingKb)} it is written only on the host itself, where its RAM is read";
        }
        return null;
    }

    /// <summary>This host's MemTotal in KiB from /proc/meminfo, or null when it cannot be read.</summary>
    public static long? ReadMemTotalKb()
    {
        try
        {
            // A kernel file of a few dozen lines (InputFile refuses kernel files, which are for users' paths); MemTotal is first.
            foreach (var line in File.ReadLines("/proc/meminfo").Take(64))
            {
                if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
                var number = line["MemTotal:".Length..].Trim();
                if (number.EndsWith(" kB", StringComparison.Ordinal)) number = number[..^3].Trim();
                return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) && kb > 0 ? kb : null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    private static string Mib(long kb) => $"{kb / 1024} MiB";
}
