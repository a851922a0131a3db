using System.Text.RegularExpressions;

namespace NetBufRules.Probe.Recording;

/// <summary>
/// Where a host's name stands as a host name in probe output, for <c>--redact</c>: a whole word (with a domain after
/// it, for FQDNs), but not where the same word names a process or a systemd unit. Hosts are often named after the one
/// service they run (haproxy, redis, postgres); there the culprit's name is the point of the report, and replacing it
/// would blame "redacted-host" and aim per-unit fixes at redacted-host.service.
/// </summary>
internal static class HostNameWords
{
    /// <summary>Process-table columns that hold a process or unit name, never a host name.</summary>
    public static readonly IReadOnlySet<string> ProcessColumns = new HashSet<string>(StringComparer.Ordinal) { "comm", "unit" };

    /// <summary>systemd unit types: <c>NAME.service</c>, also inside cgroup paths (<c>/system.slice/NAME.service</c>).</summary>
    private const string UnitTypes = "service|socket|scope|slice|timer|mount|automount|target|path|swap|device";

    /// <summary>A pattern matching <paramref name="name"/> where it is a host name, not a process or unit name.</summary>
    public static Regex Pattern(string name) => new(
        @"(?<![\w.-])" // a whole word: "vm" is not the host in "nr_vmscan"
        + @"(?<!\("")" // ss -p: users:(("NAME",pid=1,fd=3))
        + @"(?<!\d \()" // kernel: Killed process 123 (NAME), oom_reaper: reaped process 123 (NAME)
        + @"(?<!\b(?:comm|task)=""?)" // kernel and audit lines: comm="NAME", oom-kill:...,task=NAME
        + Regex.Escape(name)
        + @"(?![\w-])"
        + $@"(?!(?:@[\w.\\-]*)?\.(?:{UnitTypes})\b)" // NAME.service, NAME@1.service
        + @"(?!\[\d+\])", // the journal's and ps's NAME[123]
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
}
