using System.Globalization;
using NetBufRules.Model;

namespace NetBufRules.Probe;

/// <summary>
/// The built-in processes source: one row per process with open fds, its own nofile limits and its systemd unit.
/// The rows are typed cells handed to the evaluator as they are: a process name is whatever its owner set
/// (prctl PR_SET_NAME, newlines and tabs included), so it must never be written out as text and parsed again.
/// </summary>
internal static class ProcessTable
{
    /// <summary>Given for an unlimited nofile limit, so the column stays numeric.</summary>
    public const string Unlimited = "1000000000000000000";

    /// <summary>The table's columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["pid", "fds", "soft", "hard", "uid", "unit", "comm"];

    /// <summary>How the table's note counts the processes it could not read (after their number).</summary>
    public const string UnreadableNote = " processes not readable (their open files need root to list)";

    /// <summary>
    /// The part of a process table's note (its stderr, as recorded) that says processes were left out because they could
    /// not be read, e.g. <c>89 processes not readable (...)</c>; null when every process was read. Processes of other
    /// network namespaces left out by the scope are not missing: they were not asked about.
    /// </summary>
    public static string? Unread(string? note) =>
        note?.Split(["; ", "\n"], StringSplitOptions.TrimEntries).FirstOrDefault(part => part.EndsWith(UnreadableNote, StringComparison.Ordinal)
            && part.Length > UnreadableNote.Length && part[..^UnreadableNote.Length].All(char.IsAsciiDigit) && part[0] != '0');

    private static readonly double UnlimitedNumber = double.Parse(Unlimited, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads /proc now; processes whose fds cannot be listed (not root) and those left out by the scope are counted in
    /// stderr. <paramref name="cancellationToken"/> (the probe's deadline and the run's cancellation) is checked for every
    /// process and while fds are listed: past it the read throws, never handing back a part of the table that could
    /// leave out the culprit.
    /// </summary>
    public static RawOutput Read(ProcessScope scope = ProcessScope.All, string procRoot = "/proc", CancellationToken cancellationToken = default)
    {
        var fdCount = new FdCount(procRoot);
        var now = DateTimeOffset.UtcNow;
        var rows = new List<IReadOnlyDictionary<string, object>>();
        var unreadable = 0;
        var elsewhere = 0;
        var onlyNamespace = OnlyNamespace(scope, procRoot);
        foreach (var dir in Directory.EnumerateDirectories(procRoot))
        {
            var pidText = Path.GetFileName(dir);
            if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (onlyNamespace is not null)
                {
                    // Another user's namespace link needs root to read, like its fds: not readable, not elsewhere.
                    // As root, no link means a process exiting (or a zombie): it has no namespace and no fds left.
                    var netns = NetNamespaceOf(dir)
                        ?? (Environment.IsPrivilegedProcess ? throw new IOException("exited") : throw new UnauthorizedAccessException());
                    if (netns != onlyNamespace)
                    {
                        elsewhere++;
                        continue;
                    }
                }
                var fds = fdCount.Count(Path.Combine(dir, "fd"), cancellationToken);
                var (soft, hard) = ReadNofile(Path.Combine(dir, "limits"));
                // The kernel ends comm with one newline; anything else in it is the name.
                var comm = File.ReadAllText(Path.Combine(dir, "comm"));
                if (comm.EndsWith('\n')) comm = comm[..^1];
                rows.Add(new Dictionary<string, object>(StringComparer.Ordinal)
                {
                    ["pid"] = (double)pid,
                    ["fds"] = (double)fds,
                    ["soft"] = soft,
                    ["hard"] = hard,
                    ["uid"] = ReadUid(dir),
                    ["unit"] = ReadUnit(dir),
                    ["comm"] = comm,
                });
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
        var notes = new List<string>();
        if (unreadable > 0) notes.Add(unreadable + UnreadableNote);
        if (elsewhere > 0) notes.Add($"{elsewhere} processes of other network namespaces left out");
        return new RawOutput(now, "", string.Join("; ", notes), Table: new TableValue(Columns, rows));
    }

    /// <summary>The namespace rows must share, or null for every process.</summary>
    private static string? OnlyNamespace(ProcessScope scope, string procRoot)
    {
        if (scope == ProcessScope.All) return null;
        var own = NetNamespaceOf(Path.Combine(procRoot, "self")) ?? "unknown";
        if (scope == ProcessScope.Current) return own;
        // PID 1 in our own network namespace: a host, or a container with its own PID namespace; every process we can
        // see belongs to the picture. Otherwise we were put into a namespace of a shared host. Not root, PID 1 cannot
        // be placed (null), so only what is certainly ours is listed.
        return InitialNamespace(procRoot) == own ? null : own;
    }

    /// <summary>
    /// PID 1's network namespace; where even root may not read PID 1's (an init that is not dumpable, as on some VMs),
    /// kthreadd's: PID 2 is kthreadd only in the initial PID namespace, and kernel threads live in the initial network
    /// namespace. Null when neither can be read.
    /// </summary>
    private static string? InitialNamespace(string procRoot)
    {
        if (NetNamespaceOf(Path.Combine(procRoot, "1")) is { } init) return init;
        var kthreadd = Path.Combine(procRoot, "2");
        try
        {
            return File.ReadAllText(Path.Combine(kthreadd, "comm")).TrimEnd('\n') == "kthreadd" ? NetNamespaceOf(kthreadd) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"net:[4026531840]", or null when the link cannot be read (another user's process, not root).</summary>
    private static string? NetNamespaceOf(string dir)
    {
        try
        {
            return new FileInfo(Path.Combine(dir, "ns", "net")).LinkTarget;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (object Soft, object Hard) ReadNofile(string limitsPath)
    {
        foreach (var line in File.ReadLines(limitsPath))
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
            var parts = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (Limit(parts[0]), Limit(parts[1]));
        }
        return (UnlimitedNumber, UnlimitedNumber);
    }

    private static object Limit(string value) => value == "unlimited" ? UnlimitedNumber : Cell.Parse(value);

    private static object ReadUid(string dir)
    {
        foreach (var line in File.ReadLines(Path.Combine(dir, "status")))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
                return line.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) is { } uid ? Cell.Parse(uid) : "-";
        }
        return "-";
    }

    /// <summary>
    /// The system manager's service from /proc/PID/cgroup ("0::/system.slice/nginx.service"), or "-": the outermost
    /// service of the path, never one below it. Any user can run a service of their own under their user manager
    /// ("/user.slice/user-1000.slice/user@1000.service/app.slice/nginx.service", as systemd-run --user makes), and its
    /// name must not pick a system unit for a drop-in: that process belongs to user@1000.service.
    /// </summary>
    internal static string ReadUnit(string dir)
    {
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(dir, "cgroup")))
            {
                // Only a service reached through slices is the host's unit: under a scope or a container
                // (/system.slice/docker-1.scope/x.service) a folder named like a service is anyone's to name.
                foreach (var segment in line.Split('/').Skip(1).Where(s => s.Length > 0))
                {
                    if (segment.EndsWith(".service", StringComparison.Ordinal)) return segment;
                    if (!segment.EndsWith(".slice", StringComparison.Ordinal)) break;
                }
            }
        }
        catch (IOException)
        {
        }
        return "-";
    }
}
