using System.Globalization;
using NetBufRules.Evaluate;
using NetBufRules.Evaluate.Evidence;
using NetBufRules.Probe;

namespace NetBufRules.Report;

/// <summary>
/// Typed evidence in words, the same for the text, Markdown and HTML reports: numbers with their units (<c>/s</c>,
/// bytes, pages shown as bytes), counters with their rise and rate, tables as their first rows. The result is raw
/// host text: each writer escapes it for its medium.
/// </summary>
internal static class EvidenceText
{
    /// <summary>The size of a kernel page assumed when pages are shown as bytes (x86-64, arm64 with 4 KiB pages).</summary>
    public const int PageSize = 4096;

    /// <summary>What was measured on the host, in evidence order.</summary>
    public static IReadOnlyList<EvidenceItem> Measured(Finding finding) => [.. finding.Evidence.Values.Where(e => e.Measured)];

    /// <summary>The thresholds and other findings' verdicts the measurements were compared with.</summary>
    public static IReadOnlyList<EvidenceItem> ComparedWith(Finding finding) => [.. finding.Evidence.Values.Where(e => !e.Measured)];

    /// <summary><c>name = value</c> with its unit; a table shows at most <paramref name="maxRows"/> rows.</summary>
    public static string Entry(EvidenceItem item, int maxRows) => $"{item.Name} = {Value(item, maxRows)}";

    /// <summary>The value of <paramref name="item"/> with its unit.</summary>
    public static string Value(EvidenceItem item, int maxRows) => item switch
    {
        Measurement m => Scalar(m.Value, m.Unit),
        Threshold t => Scalar(t.Value, t.Unit),
        CounterEvidence c => $"{Number(c.Value, c.Unit)} (+{Cell.Format(c.Delta)}, {Cell.Format(c.Rate)}/s)",
        TableEvidence { Count: 0 } => "no rows",
        TableEvidence t => $"{Rows(t.Count)}: " + string.Join(", ", t.Rows.Take(maxRows).Select(Row)) + (t.Count > maxRows ? $", +{t.Count - Math.Min(maxRows, t.Rows.Count)} more" : ""),
        VerdictEvidence v => v.Text,
        _ => item.Plain,
    };

    /// <summary>A table row as <c>{column=value ...}</c>, a counter column with its rate: <c>dropped=5 (2/s)</c>.</summary>
    public static string Row(IReadOnlyDictionary<string, object> row)
    {
        var cells = new List<string>();
        foreach (var (column, value) in row)
        {
            if (column.EndsWith(CounterMath.RateSuffix, StringComparison.Ordinal) && row.ContainsKey(column[..^CounterMath.RateSuffix.Length])) continue;
            var rate = row.TryGetValue(column + CounterMath.RateSuffix, out var r) ? $" ({Cell.Format(r)}/s)" : "";
            cells.Add($"{column}={Cell.Format(value)}{rate}");
        }
        return "{" + string.Join(" ", cells) + "}";
    }

    /// <summary>A number with its unit: <c>41/s</c>, <c>4194304 bytes (4 MiB)</c>, <c>190000 pages (742.2 MiB)</c>.</summary>
    public static string Number(double value, EvidenceUnit unit) => unit switch
    {
        EvidenceUnit.PerSecond => $"{Cell.Format(value)}/s",
        EvidenceUnit.Seconds => $"{Cell.Format(value)} s",
        EvidenceUnit.Bytes => $"{Cell.Format(value)} bytes{Human(value)}",
        EvidenceUnit.Pages => $"{Cell.Format(value)} pages{Human(value * PageSize, always: true)}",
        EvidenceUnit.Kibibytes => $"{Cell.Format(value)} KiB{Human(value * 1024, always: true)}",
        _ => Cell.Format(value),
    };

    private static string Scalar(object? value, EvidenceUnit unit) => value is double d ? Number(d, unit) : Cell.Format(value);

    private static string Rows(int count) => count == 1 ? "1 row" : $"{count.ToString(CultureInfo.InvariantCulture)} rows";

    /// <summary>Bytes in the largest binary unit that keeps the number at least 1, in brackets.</summary>
    private static string Human(double bytes, bool always = false)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
        var i = 0;
        var v = bytes;
        while (Math.Abs(v) >= 1024 && i < units.Length - 1)
        {
            v /= 1024;
            i++;
        }
        if (i == 0 && !always) return "";
        return $" ({v.ToString("0.#", CultureInfo.InvariantCulture)} {units[i]})";
    }
}
