using System.Globalization;
using System.Text;
using NetBufRules.Evaluate;
using NetBufRules.Report;

namespace NetBufRules.Fleet;

/// <summary>
/// The fleet summary as text a person reads once: per cause how many hosts fired, gave advice or were skipped,
/// the kernels, the worst hosts and the hosts that share a finding. Host lists are cut after a few names with a
/// count (the JSON has them all); <c>--only-fired</c> adds the findings of every host where something fired.
/// </summary>
internal static class FleetTextWriter
{
    /// <summary>How many names a list shows before "(+N more)".</summary>
    public const int ListedNames = 5;

    /// <summary>How many hosts and groups the worst-hosts and same-findings sections show.</summary>
    public const int ListedRows = 10;

    public static string Write(FleetSummary fleet, bool onlyFired)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(fleet, onlyFired, writer);
        return writer.ToString();
    }

    /// <summary>Writes the summary to <paramref name="output"/>; the hosts of <c>--only-fired</c> one at a time, never all held at once.</summary>
    public static void Write(FleetSummary fleet, bool onlyFired, TextWriter output)
    {
        var sb = new StringBuilder();
        var n = fleet.Hosts.Count;
        sb.Append(CultureInfo.InvariantCulture, $"Across {n:N0} hosts (kernel {string.Join(", ", fleet.Kernels.Take(ListedNames).Select(k => $"{Safe(k.Kernel)} on {k.Hosts:N0}"))}{More(fleet.Kernels.Count)}):\n");
        foreach (var id in fleet.Ids)
        {
            var fired = fleet.On(id, FindingStatus.Fired);
            sb.Append(CultureInfo.InvariantCulture, $"  {id} fired on {fired.Count:N0} of {n:N0} hosts{(fired.Count > 0 ? $" ({Names(fired)})" : "")}");
            sb.Append(CultureInfo.InvariantCulture, $"; advice on {fleet.On(id, FindingStatus.Advice).Count:N0}; skipped on {fleet.On(id, FindingStatus.Skipped).Count:N0}");
            var errors = fleet.On(id, FindingStatus.Error);
            sb.Append(errors.Count > 0 ? $"; error on {errors.Count:N0} ({Names(errors)})\n" : "\n");
        }
        if (fleet.Worst.Count > 0)
        {
            sb.Append("Worst hosts:\n");
            foreach (var h in fleet.Worst.Take(ListedRows))
            {
                var fired = h.Results.Where(r => r.Status == FindingStatus.Fired).Select(r => r.Id);
                sb.Append(CultureInfo.InvariantCulture, $"  {Safe(h.Label)}: {StatusWords.Of(h.WorstFired!.Value)}, fired {string.Join(", ", fired)}{(h.PeakRate > 0 ? $" (peak {h.PeakRate:#,0.##}/s)" : "")}\n");
            }
            if (fleet.Worst.Count > ListedRows) sb.Append(CultureInfo.InvariantCulture, $"  (+{fleet.Worst.Count - ListedRows:N0} more hosts with a cause fired)\n");
            sb.Append("Same findings:\n");
            foreach (var (signature, labels) in fleet.Groups.Take(ListedRows))
                sb.Append(CultureInfo.InvariantCulture, $"  {labels.Count:N0} host{(labels.Count == 1 ? "" : "s")}: {signature} ({Names(labels)})\n");
            if (fleet.Groups.Count > ListedRows) sb.Append(CultureInfo.InvariantCulture, $"  (+{fleet.Groups.Count - ListedRows:N0} more groups)\n");
        }
        if (fleet.Refused.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Refused ({fleet.Refused.Count:N0} snapshot{(fleet.Refused.Count == 1 ? "" : "s")}, in none of the counts above):\n");
            foreach (var (_, error) in fleet.Refused.Take(ListedRows)) sb.Append(CultureInfo.InvariantCulture, $"  {Safe(error)}\n");
            if (fleet.Refused.Count > ListedRows) sb.Append(CultureInfo.InvariantCulture, $"  (+{fleet.Refused.Count - ListedRows:N0} more; every one is on stderr)\n");
        }
        if (onlyFired)
        {
            foreach (var h in fleet.Hosts.Where(h => h.AnyFired))
            {
                output.Write(sb.ToString());
                sb.Clear();
                sb.Append(CultureInfo.InvariantCulture, $"\n=== {Safe(h.Label)} ({Safe(h.Hostname)}, kernel {Safe(h.Kernel)})\n");
                foreach (var r in h.Results.Where(r => r.Status == FindingStatus.Fired))
                {
                    sb.Append(CultureInfo.InvariantCulture, $"[FIRED] {r.Id} ({StatusWords.Of(r.Severity)}): {Safe(r.Reason)}\n");
                    foreach (var path in r.FixPaths) sb.Append(CultureInfo.InvariantCulture, $"  fix: {Safe(path)}\n");
                }
            }
        }
        output.Write(sb.ToString());
    }

    private static string Names(IReadOnlyList<string> labels) =>
        string.Join(", ", labels.Take(ListedNames).Select(Safe)) + More(labels.Count);

    private static string More(int count) => count > ListedNames ? string.Create(CultureInfo.InvariantCulture, $", +{count - ListedNames:N0} more") : "";

    /// <summary>Host data (file names, host names, kernel strings, reasons) never reaches the terminal with control characters.</summary>
    private static string Safe(string text) => Primitives.HostText.Escape(text);
}
