using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Probe;

namespace NetBufRules.Render.Content;

/// <summary>
/// The current values a run measured that a fix must not lower: every sysctl a probe of the playbook reads (from the
/// probe's value, so a replay decides exactly as the recorded host did), and each service's hard open-files limit
/// from table rows with <c>unit</c> and <c>hard</c> columns (the processes table).
/// </summary>
internal sealed record Measurements(IReadOnlyDictionary<string, IReadOnlyList<double>> Sysctls, IReadOnlyDictionary<string, double> ServiceHardNofile)
{
    /// <summary>
    /// The highest hard open-files limit a process of the built-in processes table has: the kernel refused any limit
    /// above fs.nr_open when it was set, so nr_open is at least this (systemd hosts raise both far above 1048576).
    /// Only the built-in table counts, so a playbook cannot raise the ceiling with a table of its own.
    /// </summary>
    public double ObservedHardNofile { get; init; }

    /// <summary>
    /// Each service's memory limit now, in bytes, from table rows with <c>unit</c> and <c>memory_max</c> columns (its
    /// cgroup's memory.max; <c>max</c> is unlimited): a MemoryMax= fix must be at least this.
    /// </summary>
    public IReadOnlyDictionary<string, double> ServiceMemoryMax { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>
    /// The highest soft and hard open-files limits of the processes a limits.d domain governs, by domain (<c>*</c> and
    /// <c>root</c>): processes that are not a systemd service (services ignore limits.d) and not PID 1, from a probe of
    /// the built-in processes table without a <c>where</c> filter (a filter could leave out the highest limit). For
    /// <c>*</c> every such process counts (root's too, though pam_limits gives <c>*</c> to everyone else: a superset can
    /// only make the bar higher); a domain with no entry was not measured, so a fix to it is refused.
    /// </summary>
    public IReadOnlyDictionary<string, (double Soft, double Hard)> LoginNofile { get; init; } = new Dictionary<string, (double Soft, double Hard)>(StringComparer.Ordinal);

    /// <summary>Nothing measured: the checks made before any host is probed.</summary>
    public static Measurements None { get; } = new(new Dictionary<string, IReadOnlyList<double>>(), new Dictionary<string, double>());

    /// <summary>
    /// What is known before any host is probed: nothing, except that a playbook that reads fs.nr_open lets its fixes go
    /// up to the kernel's largest nr_open (the run checks them against the host's own value).
    /// </summary>
    public static Measurements Before(Playbook playbook) =>
        playbook.Probes.Any(p => SysctlRead(p) == "fs.nr_open")
            ? None with { Sysctls = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal) { ["fs.nr_open"] = [FixKeys.Sysctls["fs.nr_open"].Max] } }
            : None;

    /// <summary>The ceiling of every open-files limit: fs.nr_open as measured, else the kernel's default.</summary>
    public long NrOpen => Sysctls.TryGetValue("fs.nr_open", out var v) && v.Count == 1
        ? (long)Math.Max(v[0], FixKeys.MinNofile)
        : (long)Math.Max(FixKeys.DefaultNrOpen, ObservedHardNofile);

    /// <summary>What <paramref name="finding"/>'s probes measured.</summary>
    public static Measurements Of(Finding finding)
    {
        var sysctls = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var probe in finding.Playbook.Probes)
        {
            if (SysctlRead(probe) is not { } key || !finding.Values.TryGetValue(probe.Name, out var value) || Fields(probe, value) is not { } fields) continue;
            // Two probes of one key: the fix must be at least the larger reading.
            sysctls[key] = sysctls.TryGetValue(key, out var seen) && seen.Count == fields.Count ? [.. seen.Zip(fields, Math.Max)] : fields;
        }
        var hard = new Dictionary<string, double>(StringComparer.Ordinal);
        // A read through a 'where' filter may leave out the unit's process with the highest limit: it measures nothing.
        foreach (var row in ProcessRows(finding, unfiltered: true))
        {
            if (row.GetValueOrDefault("unit") is not string unit || row.GetValueOrDefault("hard") is not double h) continue;
            hard[unit] = Math.Max(h, hard.GetValueOrDefault(unit));
        }
        var observed = ProcessRows(finding, unfiltered: false)
            .Select(row => row.GetValueOrDefault("hard") as double? ?? 0)
            .Where(h => h <= FixKeys.Sysctls["fs.nr_open"].Max)
            .DefaultIfEmpty(0)
            .Max();
        var memory = new Dictionary<string, double>(StringComparer.Ordinal);
        // A unit's memory limit now is read from its own cgroup: an each: probe whose every source is the unit's folder's
        // memory.max (v2) or memory.limit_in_bytes (v1) under /sys/fs/cgroup, so the value in a row is that unit's.
        var cgroupReads = finding.Playbook.Probes.Where(p => p.Each is not null && p.Alternatives.All(a => CgroupMemoryFile(a.Source)))
            .Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var table in finding.Values.Where(v => cgroupReads.Contains(v.Key)).Select(v => v.Value).OfType<TableValue>().Where(t => t.Columns.Contains("unit") && t.Columns.Contains("memory_max")))
        {
            foreach (var row in table.Rows)
            {
                if (row.GetValueOrDefault("unit") is not string unit) continue;
                var limit = row.GetValueOrDefault("memory_max") switch { double d => d, "max" => double.PositiveInfinity, _ => (double?)null };
                if (limit is { } l) memory[unit] = Math.Max(l, memory.GetValueOrDefault(unit));
            }
        }
        return new Measurements(sysctls, hard) { ObservedHardNofile = observed, ServiceMemoryMax = memory, LoginNofile = Logins(finding) };
    }

    /// <summary>
    /// The rows of the engine's own process table, the only table that measures processes' limits: one a playbook shapes
    /// itself (a regex with columns named unit and hard over any file), or a per-row ('each') read whose rows carry
    /// another table's cells, would let a shared playbook say what limits a process has now. <paramref name="unfiltered"/>:
    /// only reads without a 'where' filter, which may leave out the process with the highest limit.
    /// </summary>
    private static IEnumerable<IReadOnlyDictionary<string, object>> ProcessRows(Finding finding, bool unfiltered) =>
        finding.Playbook.Probes
            .Where(p => (!unfiltered || p.Where is null) && p.Each is null && p.Alternatives.All(a => a.Source is ProcessesSource))
            .Select(p => finding.Values.GetValueOrDefault(p.Name)).OfType<TableValue>()
            .SelectMany(t => t.Rows);

    /// <summary>A file source that is the memory limit of the cgroup folder named by the row's unit cell.</summary>
    private static bool CgroupMemoryFile(SourceSpec source) =>
        source is FileSource { Path: var path } && path.StartsWith("/sys/fs/cgroup/", StringComparison.Ordinal) && !path.Contains("..", StringComparison.Ordinal)
        && (path.EndsWith("/{unit}/memory.max", StringComparison.Ordinal) || path.EndsWith("/{unit}/memory.limit_in_bytes", StringComparison.Ordinal));

    /// <summary>The highest limits of the processes limits.d governs, for <c>*</c> and <c>root</c> (see <see cref="LoginNofile"/>).</summary>
    private static Dictionary<string, (double Soft, double Hard)> Logins(Finding finding)
    {
        var logins = new Dictionary<string, (double Soft, double Hard)>(StringComparer.Ordinal);
        foreach (var row in ProcessRows(finding, unfiltered: true))
        {
            if (row.GetValueOrDefault("pid") is not double pid || pid == 1 || row.GetValueOrDefault("unit") is not "-"
                || row.GetValueOrDefault("soft") is not double soft || row.GetValueOrDefault("hard") is not double hard || hard > FixKeys.Sysctls["fs.nr_open"].Max) continue;
            foreach (var domain in row.GetValueOrDefault("uid") is 0.0 ? new[] { "*", "root" } : ["*"])
            {
                var (s, h) = logins.GetValueOrDefault(domain);
                logins[domain] = (Math.Max(s, soft), Math.Max(h, hard));
            }
        }
        return logins;
    }

    /// <summary>The sysctl a probe reads when every one of its sources reads that one sysctl, as text or as fields.</summary>
    private static string? SysctlRead(ProbeSpec probe)
    {
        var keys = probe.Alternatives.Select(a => a.Extract.Kind is ExtractKind.Text or ExtractKind.Fields ? KeyOf(a.Source) : null).Distinct().ToList();
        return keys is [{ } key] ? key : null;
    }

    private static string? KeyOf(SourceSpec source) => source switch
    {
        FileSource { Path: var p } when p.StartsWith("/proc/sys/", StringComparison.Ordinal) => p["/proc/sys/".Length..].Replace('/', '.'),
        CommandSource { Argv: ["sysctl", "-n", var name] } => name,
        _ => null,
    };

    private static IReadOnlyList<double>? Fields(ProbeSpec probe, ProbeValue value)
    {
        var extract = probe.Alternatives[0].Extract;
        return value switch
        {
            ScalarValue { Number: { } n } => [n],
            RecordValue r when extract.Columns is { } columns && columns.All(c => r.Fields.TryGetValue(c, out var f) && f.Number is not null) =>
                [.. columns.Select(c => r.Fields[c].Number!.Value)],
            _ => null,
        };
    }
}
