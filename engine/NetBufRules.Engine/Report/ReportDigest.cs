using System.Globalization;
using NetBufRules.Evaluate;
using NetBufRules.Evaluate.Evidence;
using NetBufRules.Render;

namespace NetBufRules.Report;

/// <summary>
/// A report as a person reads it, shared by the text, Markdown and HTML formats: what needs attention first (fired,
/// errors, advice), one sentence each (what happened, the culprit, the fix), the rest counted on one line, and the
/// notes the probes left said once for the whole report. All strings are raw: each writer escapes for its medium.
/// </summary>
internal sealed class ReportDigest
{
    /// <summary>How many culprits a sentence names before "+N more".</summary>
    private const int Culprits = 3;

    /// <summary>Columns that say who or what a culprit is, in the order a sentence names them.</summary>
    private static readonly string[] Who = ["process", "comm", "command", "unit", "cgroup", "local", "interface", "dev", "device", "name", "group", "peer"];

    /// <summary>
    /// Columns that name a process. A <c>pid</c> is named only beside one of them: a pid column on its own may be
    /// anything a probe called so (a netlink port id, 3292459900, is no process).
    /// </summary>
    private static readonly string[] ProcessNames = ["process", "comm", "command"];

    public ReportDigest(DiagnosisReport report)
    {
        Report = report;
        Attention = [.. report.Results.Where(r => r.Status is FindingStatus.Fired or FindingStatus.Error or FindingStatus.Advice)
            .OrderBy(r => r.Status switch { FindingStatus.Fired => 0, FindingStatus.Error => 1, _ => 2 })
            .ThenByDescending(r => r.Finding.Playbook.Severity)];
        Ok = [.. report.Results.Where(r => r.Status == FindingStatus.Ok)];
        Skipped = [.. report.Results.Where(r => r.Status == FindingStatus.Skipped)];
        Notes = [.. report.Results.SelectMany(r => r.Finding.Probes.Values)
            .SelectMany(p => new[] { p.Note, p.Truncated ? $"probe {p.Name}: output capped at {Probe.LiveSourceReader.DefaultOutputCap / 1024} KiB" : null })
            .OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    public DiagnosisReport Report { get; }

    /// <summary>Fired, then errors, then advice; the most severe first within each.</summary>
    public IReadOnlyList<RenderedFinding> Attention { get; }

    public IReadOnlyList<RenderedFinding> Ok { get; }

    public IReadOnlyList<RenderedFinding> Skipped { get; }

    /// <summary>What probes noted (e.g. "88 processes not readable"), each once for the whole report.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The line a script reads: how many results have each status.</summary>
    public string Summary
    {
        get
        {
            var c = Report.Counts;
            return $"{c[FindingStatus.Fired]} fired, {c[FindingStatus.Advice]} advice, {c[FindingStatus.Ok]} ok, {c[FindingStatus.Skipped]} skipped, {c[FindingStatus.Error]} error";
        }
    }

    /// <summary>The host line: name, kernel, root, namespace, time and window.</summary>
    public string HostLine
    {
        get
        {
            var h = Report.Host;
            var window = Report.Window > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $", counters sampled over {Report.Window.TotalSeconds:0.0}s") : "";
            return string.Create(CultureInfo.InvariantCulture, $"{h.Hostname} (kernel {h.Kernel}, {(h.Root ? "root" : "not root")}, netns {h.NetNamespace}) at {h.Time:yyyy-MM-dd HH:mm:ss}Z{window}");
        }
    }

    /// <summary><c>ok: 5 (a, b, ...)</c>, or null when none is ok.</summary>
    /// <summary>
    /// What a report says when nothing needs attention: that nothing fired, or, when no playbook ran at all (a
    /// selection or a profile left every one out), that nothing was checked; that is no healthy host.
    /// </summary>
    public string QuietLine => Ok.Count + Skipped.Count == 0 && Attention.Count == 0
        ? "No playbook was run (the selection left every one out): nothing was checked."
        : "Nothing fired and nothing to advise.";

    /// <summary>"ok: N (ids)", or null when none is ok.</summary>
    public string? OkLine => Ok.Count == 0 ? null : $"ok: {Ok.Count} ({string.Join(", ", Ok.Select(r => r.Finding.Playbook.Id + (PartlyChecked(r) ? " (partly checked)" : "")))})";

    /// <summary>
    /// An ok whose symptom found no culprit among the rows it could read but could not read them all (processes not
    /// readable without root): what was seen is healthy, not the host, and a person reading only the ok line must not take
    /// it for a clean bill. (A symptom whose probe does not apply here, such as a kernel log that is not there, is the
    /// playbook's to word; it is said in the finding's reason.)
    /// </summary>
    public static bool PartlyChecked(RenderedFinding r) => r.Status == FindingStatus.Ok && r.Finding.Symptoms.Any(s => s.Unread);

    /// <summary><c>skipped: 1 (id: reason)</c>; with several, their ids (the reasons are in --verbose).</summary>
    public string? SkippedLine(bool verbose)
    {
        if (Skipped.Count == 0) return null;
        if (Skipped.Count == 1) return $"skipped: 1 ({Skipped[0].Finding.Playbook.Id}: {Clause(Skipped[0].Reason)})";
        return $"skipped: {Skipped.Count} ({string.Join(", ", Skipped.Select(r => r.Finding.Playbook.Id))}){(verbose ? "" : "; --verbose says why")}";
    }

    /// <summary>
    /// One sentence for a finding that needs attention: what happened, the culprit when the reason does not name it,
    /// then the fix.
    /// </summary>
    public static string Sentence(RenderedFinding r)
    {
        var sentence = Capitalized(Clause(r.Reason)) + ".";
        if (r.Status == FindingStatus.Error) return sentence;
        if (Culprit(r) is { } culprit) sentence += " " + culprit + ".";
        if (r.Fixes.Count > 0) sentence += " Fix: " + FixClause(r.Fixes) + ".";
        return sentence;
    }

    /// <summary>The probes of a finding that could not be read, by name.</summary>
    public static IReadOnlyList<string> SkippedProbes(RenderedFinding r) => [.. r.Finding.SkippedProbes.Select(p => p.Name)];

    /// <summary>
    /// <c>Culprit: python3 pid 14999 127.0.0.1:9000</c> from the first table with rows that names a process, else the
    /// first that names anything (an interface, a cgroup), unless the reason names it; each name once. Only the tables
    /// the conditions that held read count (<see cref="CulpritTables"/>).
    /// </summary>
    public static string? Culprit(RenderedFinding r)
    {
        var tables = CulpritTables.Of(r.Finding).Where(t => t.Columns.Any(Who.Contains)).ToList();
        // A process is what a person acts on: a table of the interfaces or groups a finding also read (twenty rows of
        // one interface) must not stand before the socket and process it names.
        var table = tables.FirstOrDefault(t => t.Columns.Any(ProcessNames.Contains)) ?? tables.FirstOrDefault();
        if (table is null) return null;
        var all = table.Rows.Select(Name).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var names = all.Take(Culprits).ToList();
        if (names.Count == 0 || names.All(n => r.Reason.Contains(n.Split(' ')[0], StringComparison.Ordinal))) return null;
        // Rows the evidence did not keep are counted as more (they may repeat a name; the count is an upper bound).
        var others = all.Count - names.Count + (table.Count - table.Rows.Count);
        var more = others > 0 ? $" (+{others} more)" : "";
        return $"{(names.Count + others == 1 ? "Culprit" : "Culprits")}: {string.Join(", ", names)}{more}";
    }

    private static string Name(IReadOnlyDictionary<string, object> row)
    {
        var parts = new List<string>();
        foreach (var column in Who.Where(row.ContainsKey))
        {
            var cell = Probe.Cell.Format(row[column]);
            parts.Add(cell);
            // Not root, ss -p names no owner: an empty process and pid name nobody ("pid " would read as a name).
            if (column is "process" or "comm" or "command" && cell.Length > 0 && row.TryGetValue("pid", out var pid)
                && Probe.Cell.Format(pid) is { Length: > 0 } number) parts.Add("pid " + number);
        }
        return string.Join(" ", parts.Where(p => p.Length > 0));
    }

    /// <summary><c>write /etc/x.conf, then run sysctl -p /etc/x.conf</c> for each fix.</summary>
    public static string FixClause(IReadOnlyList<RenderedFix> fixes) =>
        string.Join("; ", fixes.Select(f => $"write {f.Path}" + (f.Then.Count > 0 ? $", then run {string.Join(' ', f.Then)}" : "")));

    /// <summary>A reason as a clause: trimmed, without a trailing colon or full stop (a list that rendered empty leaves one).</summary>
    public static string Clause(string reason) => reason.Trim().TrimEnd(':', ';', '.', ',', ' ');

    /// <summary>
    /// The sentence with a capital, unless its first word is a name that must stay as written: a file name or place
    /// (<c>f12.yaml:16:15</c>), a sysctl (<c>net.core.somaxconn</c>), a probe, a path or a number.
    /// </summary>
    private static string Capitalized(string text)
    {
        if (text.Length == 0) return text;
        var end = text.IndexOfAny([' ', '\t', '\n']);
        var first = end < 0 ? text : text[..end];
        return first.All(char.IsLetter) ? char.ToUpperInvariant(text[0]) + text[1..] : text;
    }
}
