namespace NetBufRules.Policy;

/// <summary>
/// Defence in depth for command probes run as root: they start through util-linux <c>setpriv</c> as an unprivileged
/// uid/gid no account has, with no groups, <c>no_new_privs</c>, and only the read capabilities their tool's grammar names
/// (never cap_sys_admin or cap_dac_override; cap_net_admin only for the read-only xfrm forms of ip, whose kernel dump
/// needs it), so even a grammar mistake cannot change the host beyond what that one form allows.
/// </summary>
internal static class ProbePrivileges
{
    /// <summary>
    /// The uid and gid probes run as: one no account, no container range (subuid 100000+, nspawn's 0x80000 picks up to
    /// 0x6FFFFFFF) and no dynamic user (61184-65519) has. Not nobody (65534): a process that runs as nobody (a daemon
    /// that drops to it, a pod with runAsUser 65534) shares that uid with the probes, and tools trust their own uid:
    /// nstat reads a "daemon" on the abstract socket @nstat0 whose peer uid is its own instead of /proc (measured: a
    /// nobody process made tcp-backlog fire on a million forged overflows), and a same-uid process may signal probes.
    /// </summary>
    public const int Unprivileged = 2147483646;

    /// <summary>The capabilities a grammar may ask for: each only reads.</summary>
    public static readonly IReadOnlySet<string> ReadCapabilities = new HashSet<string>(StringComparer.Ordinal) { "dac_read_search", "sys_ptrace", "syslog" };

    /// <summary>
    /// Capabilities one built-in form needs beyond reading files: the kernel lists xfrm policies and states only to
    /// CAP_NET_ADMIN, and the grammar lets ip reach xfrm only as <c>ip xfrm policy list|show|count</c> and
    /// <c>ip xfrm state count</c>, which change nothing (measured: as an unprivileged uid without it, the dump is refused).
    /// </summary>
    public static IReadOnlyList<string> FormCapabilities(string file, IEnumerable<string> arguments) =>
        Path.GetFileName(file) == "ip" && arguments.Contains("xfrm", StringComparer.Ordinal) ? ["net_admin"] : [];

    /// <summary>What netbufrules itself needs, as root, for the drop: to change uid and gid and to narrow the capability sets.</summary>
    public const string DropNeeds = "CAP_SETUID, CAP_SETGID and CAP_SETPCAP";

    /// <summary>
    /// Why the privilege drop itself failed, from a wrapped command's exit code and standard error, or null when the
    /// probe's program ran (whatever it then said). setpriv reports its own failures as "setpriv: ..." with exit 127;
    /// "failed to execute" is the program not starting, which is the program's problem, not the drop's.
    /// </summary>
    public static string? DropFailure(int exitCode, string stderr)
    {
        if (exitCode != 127) return null;
        var first = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null || !first.StartsWith("setpriv: ", StringComparison.Ordinal) || first.Contains("failed to execute", StringComparison.Ordinal)) return null;
        return $"the privilege drop failed ({first}); as root netbufrules runs every probe command through setpriv as uid {Unprivileged}, which needs {DropNeeds} and the capabilities the probe passes on (a systemd unit's CapabilityBoundingSet= must keep them; see examples/systemd)";
    }

    /// <summary>
    /// The argv that runs <paramref name="file"/> with <paramref name="arguments"/>: unchanged when not root; through
    /// setpriv when root; null (with <paramref name="problem"/>) when root and setpriv cannot be found safely.
    /// </summary>
    public static IReadOnlyList<string>? Wrap(string file, IEnumerable<string> arguments, IReadOnlyList<string> capabilities, bool asRoot, out string? problem)
    {
        problem = null;
        if (!asRoot) return [file, .. arguments];
        // setpriv always comes from the system PATH: narrowing the probe PATH must not lose the privilege drop.
        var (setpriv, why) = ProbePath.Resolve("setpriv", ProbePath.System);
        if (setpriv is null)
        {
            problem = $"setpriv (util-linux) is needed to run probe commands as root with read-only privileges: {why}";
            return null;
        }
        var caps = string.Concat(capabilities.Where(ReadCapabilities.Contains).Concat(FormCapabilities(file, arguments)).Distinct(StringComparer.Ordinal).Select(c => ",+" + c));
        return
        [
            setpriv,
            $"--reuid={Unprivileged}", $"--regid={Unprivileged}", "--clear-groups", "--no-new-privs",
            $"--inh-caps=-all{caps}", $"--ambient-caps=-all{caps}", $"--bounding-set=-all{caps}",
            "--", file, .. arguments,
        ];
    }
}
