using System.Text.RegularExpressions;
using NetBufRules.Model;

namespace NetBufRules.Evaluate.Evidence;

/// <summary>
/// The unit of a measurement or a threshold. Playbooks declare units only for metrics, so the unit of a probe value
/// comes from the kernel setting or file it reads (tcp_mem is in pages, rmem_max in bytes), and a param's from its
/// name (<c>_per_s</c>) or else from what it is directly compared with (<c>rmem_max &lt; min_rmem_max</c>).
/// </summary>
internal static partial class EvidenceUnits
{
    /// <summary>Kernel settings and fields by their last name, with the unit the kernel counts them in.</summary>
    private static readonly Dictionary<string, EvidenceUnit> Known = new(StringComparer.Ordinal)
    {
        ["tcp_mem"] = EvidenceUnit.Pages,
        ["udp_mem"] = EvidenceUnit.Pages,
        ["rmem_max"] = EvidenceUnit.Bytes,
        ["rmem_default"] = EvidenceUnit.Bytes,
        ["wmem_max"] = EvidenceUnit.Bytes,
        ["wmem_default"] = EvidenceUnit.Bytes,
        ["optmem_max"] = EvidenceUnit.Bytes,
        ["tcp_rmem"] = EvidenceUnit.Bytes,
        ["tcp_wmem"] = EvidenceUnit.Bytes,
        ["udp_rmem_min"] = EvidenceUnit.Bytes,
        ["udp_wmem_min"] = EvidenceUnit.Bytes,
        ["min_free_kbytes"] = EvidenceUnit.Kibibytes,
    };

    /// <summary>The unit of <paramref name="name"/> (a probe value or one of its fields) as the probe reads it.</summary>
    public static EvidenceUnit OfProbe(ProbeSpec? probe, string name, object? value)
    {
        if (value is string) return EvidenceUnit.Text;
        var field = name.Contains('.') ? name[(name.IndexOf('.') + 1)..] : null;
        foreach (var source in probe?.Alternatives.Select(a => a.Source) ?? [])
        {
            var setting = source switch
            {
                FileSource f when f.Path.StartsWith("/proc/sys/", StringComparison.Ordinal) => f.Path[(f.Path.LastIndexOf('/') + 1)..],
                CommandSource { Argv: [.., var last] } c when c.Argv[0] == "sysctl" => last[(last.LastIndexOf('.') + 1)..],
                _ => null,
            };
            if (setting is not null && Known.TryGetValue(setting, out var unit)) return unit;
            // /proc/net/sockstat counts socket memory ("mem") in pages.
            if (source is FileSource { Path: "/proc/net/sockstat" or "/proc/net/sockstat6" } && field == "mem") return EvidenceUnit.Pages;
        }
        return Known.GetValueOrDefault(field ?? name, EvidenceUnit.Count);
    }

    /// <summary>The unit of a param from its name, or else from the measurement a condition directly compares it with.</summary>
    public static EvidenceUnit OfParam(string param, object value, string condition, Func<string, EvidenceUnit?> measured)
    {
        if (value is string) return EvidenceUnit.Text;
        if (value is bool) return EvidenceUnit.Number;
        if (param.EndsWith("_per_s", StringComparison.Ordinal) || param.EndsWith("_per_second", StringComparison.Ordinal)) return EvidenceUnit.PerSecond;
        if (param.EndsWith("_seconds", StringComparison.Ordinal)) return EvidenceUnit.Seconds;
        if (param.EndsWith("_bytes", StringComparison.Ordinal)) return EvidenceUnit.Bytes;
        if (param.EndsWith("_pages", StringComparison.Ordinal)) return EvidenceUnit.Pages;
        if (param.Contains("ratio", StringComparison.Ordinal) || param.Contains("fraction", StringComparison.Ordinal)) return EvidenceUnit.Ratio;
        foreach (Match m in Comparison().Matches(condition))
        {
            var (left, right) = (m.Groups["left"].Value, m.Groups["right"].Value);
            var other = left == param ? right : right == param ? left : null;
            if (other is null) continue;
            if (other.StartsWith("rate(", StringComparison.Ordinal)) return EvidenceUnit.PerSecond;
            if (measured(other) is { } unit && unit is not EvidenceUnit.Text) return unit;
        }
        return EvidenceUnit.Number;
    }

    /// <summary>A direct comparison of two operands: a name or <c>rate(name)</c> on each side.</summary>
    [GeneratedRegex(@"(?<![*/+\-]\s*)(?<![A-Za-z0-9_.(])(?<left>(?>(?:rate\()?[A-Za-z_][A-Za-z0-9_.]*\)?))\s*(?:<=|>=|==|!=|<|>)\s*(?<right>(?>(?:rate\()?[A-Za-z_][A-Za-z0-9_.]*\)?))(?!\s*[*/+(-])", RegexOptions.CultureInvariant)]
    private static partial Regex Comparison();
}
