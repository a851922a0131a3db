using System.Globalization;
using NetBufRules.Render.Content;

namespace NetBufRules.Fix;

/// <summary>
/// A fix replaces a file whole, so before it does, every setting the file holds now must still be in the new content
/// with the same or a raised value: a fix never removes or weakens what another party wrote (an admin's hardening in
/// <c>/etc/sysctl.d/10-network-security.conf</c>, <c>User=</c> or a <c>CapabilityBoundingSet=</c> reset in the
/// <c>override.conf</c> that <c>systemctl edit</c> makes), nor, in a file this playbook wrote earlier (see
/// <see cref="WrittenBy"/>), a raise an admin added to it since or a setting the fix no longer advises.
/// </summary>
internal static class ExistingSettings
{
    /// <summary>
    /// Why <paramref name="content"/> may not replace <paramref name="current"/> (a file of <paramref name="kind"/>), naming
    /// every setting it would drop or lower; null when it keeps them all.
    /// </summary>
    public static string? Problem(FixKind kind, string current, string content, string playbookId)
    {
        var own = WrittenBy(current, content, playbookId);
        var now = Read(kind, current);
        var next = Read(kind, content);
        var dropped = new List<string>();
        var lowered = new List<string>();
        foreach (var (key, value) in now)
        {
            if (!next.TryGetValue(key, out var newValue))
            {
                // Even from a file this playbook wrote: an admin may have added a raise to it since (root - nofile
                // 1048576, which '*' does not cover), and a setting the fix no longer advises would fall back to the
                // kernel's default, i.e. be lowered.
                dropped.Add(Shown(kind, key, value));
                continue;
            }
            if (value == newValue) continue;
            if (Compare(kind, key, value, newValue) is not { } cmp || cmp < 0) lowered.Add($"{Shown(kind, key, value)} (the fix writes {newValue})");
        }
        if (dropped.Count == 0 && lowered.Count == 0) return null;
        var whose = own ? " (this playbook wrote it earlier; it may have been edited since)" : $" and was not written by this playbook (its first line is not '# {playbookId}: ...')";
        var parts = new List<string>();
        if (dropped.Count > 0) parts.Add($"would drop {string.Join(", ", dropped)}");
        if (lowered.Count > 0) parts.Add($"would lower or change {string.Join(", ", lowered)}");
        return $"the file exists{whose}; replacing it {string.Join(" and ", parts)}: a fix never removes or weakens a setting another party wrote (write the fix to a file of its own, e.g. 90-netbufrules-{playbookId}.conf)";
    }

    /// <summary>
    /// Whether the file is one this playbook wrote earlier: its first line and the new content's both start with
    /// <c># PLAYBOOK-ID:</c>, as every fix template of the pack does. Host data cannot forge it: it would have to be in
    /// the file on disk already, which only root (or this playbook's earlier fix) writes.
    /// </summary>
    public static bool WrittenBy(string current, string content, string playbookId)
    {
        var marker = $"# {playbookId}:";
        return FirstLine(current).StartsWith(marker, StringComparison.Ordinal) && FirstLine(content).StartsWith(marker, StringComparison.Ordinal);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');

    /// <summary>A setting a fix may write itself, so a fix may drop it from its own earlier file.</summary>
    private static bool Writable(FixKind kind, string key) => kind switch
    {
        FixKind.Sysctl => FixKeys.Sysctls.ContainsKey(key),
        FixKind.Limits => key.EndsWith(" nofile", StringComparison.Ordinal),
        FixKind.SystemdDropIn => key is "[Service] LimitNOFILE" or "[Service] MemoryMax",
        _ => false,
    };

    /// <summary>The settings of a file, last one wins, each under a key that names it as its reader does.</summary>
    internal static Dictionary<string, string> Read(FixKind kind, string text)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var section = "";
        // systemd joins a line ending in '\' with the next one.
        var lines = (kind == FixKind.SystemdDropIn ? text.Replace("\\\n", " ", StringComparison.Ordinal) : text).Split('\n');
        foreach (var raw in lines)
        {
            var line = raw.Trim(' ', '\t', '\r');
            if (line.Length == 0 || line[0] == '#' || (line[0] == ';' && kind != FixKind.Limits)) continue;
            switch (kind)
            {
                case FixKind.Sysctl when line.IndexOf('=', StringComparison.Ordinal) is var eq:
                    if (eq <= 0) settings[line] = "";
                    else settings[SysctlDropIn.NormalKey(line[..eq])] = line[(eq + 1)..].Trim(' ', '\t');
                    break;
                case FixKind.Limits:
                    var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    if (f.Length < 4)
                    {
                        settings[line] = "";
                        break;
                    }
                    // '-' sets both limits: it is kept only when both are kept.
                    foreach (var type in f[1] == "-" ? new[] { "soft", "hard" } : [f[1]]) settings[$"{f[0]} {type} {f[2]}"] = string.Join(' ', f[3..]);
                    break;
                case FixKind.SystemdDropIn when line[0] == '[':
                    section = line;
                    break;
                case FixKind.SystemdDropIn when line.IndexOf('=', StringComparison.Ordinal) is var eq:
                    var key = eq <= 0 ? line : line[..eq].Trim(' ', '\t');
                    var value = eq <= 0 ? "" : line[(eq + 1)..].Trim(' ', '\t');
                    // A list setting (CapabilityBoundingSet=, an empty reset) is one entry per line: each must stay, in order.
                    var name = $"{section} {key}";
                    settings[Writable(kind, name) ? name : $"{name}#{settings.Keys.Count(k => k.StartsWith(name + "#", StringComparison.Ordinal))}"] = value;
                    break;
                default:
                    // A file the fix's kind does not know (a repository folder): every line is a setting to keep as it is.
                    settings[line] = "";
                    break;
            }
        }
        return settings;
    }

    /// <summary>The new value against the old: negative when lower, null when they cannot be compared (refused).</summary>
    internal static int? Compare(FixKind kind, string key, string old, string value)
    {
        switch (kind)
        {
            case FixKind.Sysctl:
                var a = old.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                var b = value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (a.Length != b.Length) return null;
                var result = 1;
                for (var i = 0; i < a.Length; i++)
                {
                    // The old value as the kernel reads it (base 0); the new one is plain decimal (checked when rendered).
                    if (!CanonicalNumber.TryParseKernel(a[i], out var x) || !CanonicalNumber.TryParseKernel(b[i], out var y)) return null;
                    if (y < x) result = -1;
                }
                return result;
            case FixKind.Limits:
                return Limit(old) is { } lo && Limit(value) is { } ln ? ln.CompareTo(lo) : null;
            case FixKind.SystemdDropIn when key == "[Service] LimitNOFILE":
                // LimitNOFILE=soft:hard: the new single value must be at least both.
                var parts = old.Split(':');
                return parts.All(p => Limit(p) is not null) && Limit(value) is { } v ? (parts.All(p => v >= Limit(p)) ? 1 : -1) : null;
            case FixKind.SystemdDropIn when key == "[Service] MemoryMax":
                return Bytes(old) is { } mo && Bytes(value) is { } mn ? mn.CompareTo(mo) : null;
            default:
                return null;
        }
    }

    private static decimal? Limit(string text) => text is "unlimited" or "infinity" or "-1" ? decimal.MaxValue
        : decimal.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static decimal? Bytes(string text)
    {
        if (text == "infinity") return decimal.MaxValue;
        var unit = text.Length > 0 ? text[^1] switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 0 } : 0;
        var digits = unit == 0 ? text : text[..^1];
        return decimal.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n * (unit == 0 ? 1 : unit) : null;
    }

    private static string Shown(FixKind kind, string key, string value)
    {
        var name = key.Split('#')[0];
        return kind switch
        {
            FixKind.Sysctl => value.Length == 0 ? $"'{name}'" : $"{name} = {value}",
            FixKind.Limits => value.Length == 0 ? $"'{name}'" : $"'{name} {value}'",
            FixKind.SystemdDropIn => $"{name}={value}",
            _ => $"'{name}'",
        };
    }
}
