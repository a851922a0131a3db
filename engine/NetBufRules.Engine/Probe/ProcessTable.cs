using System.Globalization;
using System.Text;

namespace NetBufRules.Probe;

/// <summary>The built-in processes source: one row per process with open fds, its own nofile limits and its systemd unit.</summary>
public static class ProcessTable
{
    /// <summary>Printed for an unlimited nofile limit, so the column stays numeric.</summary>
    public const string Unlimited = "1000000000000000000";

    /// <summary>Reads /proc now; processes whose fds cannot be listed (not root) are counted in stderr.</summary>
    public static RawOutput Read(string procRoot = "/proc")
    {
        var now = DateTimeOffset.UtcNow;
        var text = new StringBuilder("pid\tfds\tsoft\thard\tuid\tunit\tcomm\n");
        var unreadable = 0;
        foreach (var dir in Directory.EnumerateDirectories(procRoot))
        {
            var pidText = Path.GetFileName(dir);
            if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out _)) continue;
            try
            {
                var fds = Directory.GetFileSystemEntries(Path.Combine(dir, "fd")).Length;
                var (soft, hard) = ReadNofile(Path.Combine(dir, "limits"));
                var comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                text.Append(CultureInfo.InvariantCulture, $"{pidText}\t{fds}\t{soft}\t{hard}\t{ReadUid(dir)}\t{ReadUnit(dir)}\t{comm}\n");
            }
            catch (UnauthorizedAccessException)
            {
                unreadable++;
            }
            catch (IOException)
            {
                // The process exited while we looked.
            }
        }
        var stderr = unreadable == 0 ? "" : $"{unreadable} processes not readable (their open files need root to list)";
        return new RawOutput(now, text.ToString(), stderr);
    }

    private static (string Soft, string Hard) ReadNofile(string limitsPath)
    {
        foreach (var line in File.ReadLines(limitsPath))
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
            var parts = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (Limit(parts[0]), Limit(parts[1]));
        }
        return (Unlimited, Unlimited);
    }

    private static string Limit(string value) => value == "unlimited" ? Unlimited : value;

    private static string ReadUid(string dir)
    {
        foreach (var line in File.ReadLines(Path.Combine(dir, "status")))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
                return line.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "-";
        }
        return "-";
    }

    /// <summary>The systemd service from /proc/PID/cgroup ("0::/system.slice/nginx.service"), or "-".</summary>
    internal static string ReadUnit(string dir)
    {
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(dir, "cgroup")))
            {
                var unit = line.Split('/').LastOrDefault(s => s.EndsWith(".service", StringComparison.Ordinal));
                if (unit is not null) return unit;
            }
        }
        catch (IOException)
        {
        }
        return "-";
    }
}
