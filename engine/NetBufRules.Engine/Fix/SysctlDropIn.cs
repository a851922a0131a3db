using System.Globalization;

namespace NetBufRules.Fix;

/// <summary>The <c>key = value</c> lines of a sysctl drop-in, and the check that applying one never lowers a value.</summary>
internal static class SysctlDropIn
{
    /// <summary>Whether a fix path is a sysctl drop-in (applied with <c>sysctl -p</c>).</summary>
    public static bool IsSysctlDropIn(string path) => path.StartsWith("/etc/sysctl.d/", StringComparison.Ordinal);

    /// <summary>The settings of a drop-in, in order; comments and blank lines are left out.</summary>
    public static IReadOnlyList<(string Key, string Value)> Settings(string content) =>
        [.. content.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && l[0] is not ('#' or ';'))
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .Select(p => (p[0].Trim(), p[1].Trim()))];

    /// <summary>The /proc/sys file of a key (dots or slashes).</summary>
    public static string ProcPath(string key) => "/proc/sys/" + key.Replace('.', '/');

    /// <summary>
    /// Why writing <paramref name="content"/> would lower a value, field by field, compared with the file it replaces and
    /// the value the kernel uses now; null when every field is at least as high.
    /// </summary>
    public static string? WouldLower(string content, string? replaced, Func<string, string?>? runtime, IReadOnlyList<(string File, string Key, string Value)>? boot = null)
    {
        var before = replaced is null ? [] : Settings(replaced).GroupBy(s => NormalKey(s.Key)).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        foreach (var (key, value) in Settings(content))
        {
            // What the fix writes is plain decimal (the content check refused anything else); read it strictly all the same.
            if (Fields(value, canonical: true) is not { } newFields)
                return $"{key} = {value} is not plain decimal; the kernel would read a leading 0 as octal and 0x as hex";
            var others = (boot ?? []).Where(b => b.Key == NormalKey(key)).Select(b => ($"{b.File}, applied at boot too", (string?)b.Value));
            foreach (var (what, old) in new[] { ("the file it replaces", before.GetValueOrDefault(key)), ("the running kernel", runtime?.Invoke(key)) }.Concat(others))
            {
                if (old is null) continue;
                // The old value as the kernel reads it (base 0: 010 is 8), so an octal value in a file is compared as applied.
                var oldFields = Fields(old, canonical: false);
                if (oldFields is null || newFields.Length != oldFields.Length)
                    return $"{key} = {value} cannot be compared with '{old}' ({what}); a fix only raises limits, so it is not written";
                for (var i = 0; i < newFields.Length; i++)
                {
                    if (newFields[i] < oldFields[i])
                        return $"{key} = {value} would lower {(newFields.Length > 1 ? $"field {i + 1} " : "")}below {old} ({what}); a fix only raises limits";
                }
            }
        }
        return null;
    }

    /// <summary>The folders sysctl --system reads at boot (systemd-sysctl and procps alike), and the one file it reads last.</summary>
    private static readonly string[] BootFolders = ["/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d", "/usr/lib/sysctl.d", "/lib/sysctl.d"];

    /// <summary>The file read after the folders, whatever the names in them.</summary>
    public const string SysctlConf = "/etc/sysctl.conf";

    /// <summary>
    /// Every setting the boot applies from its sysctl files, with the file (as written under <paramref name="root"/>),
    /// on the system at <paramref name="root"/> (null: this host). A fix compared only with the running kernel lowered an
    /// image's own 60-tuning.conf under --root: its 90- file sorts after and wins at boot. Under a root, a link that
    /// leads outside it is not followed (the image's files, not the build host's).
    /// </summary>
    public static IReadOnlyList<(string File, string Key, string Value)> BootSettings(string? root) =>
        [.. BootFolders.SelectMany(folder => TargetConfig.Files(root, folder)).Append(SysctlConf)
            // A file this run cannot read is not compared; the running kernel still is.
            .Select(file => (File: file, Text: TargetConfig.Text(root, file)))
            .Where(f => f.Text is not null)
            .SelectMany(f => Settings(f.Text!).Select(s => (f.File, NormalKey(s.Key), s.Value)))];

    /// <summary>A key as sysctl reads it from a file: a leading '-' (ignore errors) dropped, '/' separators as dots.</summary>
    public static string NormalKey(string key)
    {
        var k = key.TrimStart('-').Trim();
        return k.Contains('/', StringComparison.Ordinal) ? k.Trim('/').Replace('/', '.') : k;
    }

    /// <summary>Whether two values are the same, field by field (the kernel prints tabs where a file may have spaces).</summary>
    public static bool SameValue(string a, string b) =>
        a.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).SequenceEqual(b.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    private static decimal[]? Fields(string value, bool canonical)
    {
        var parts = value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var fields = new decimal[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (canonical ? !Render.Content.CanonicalNumber.IsPlainDecimal(parts[i]) || !decimal.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out fields[i])
                : !Render.Content.CanonicalNumber.TryParseKernel(parts[i], out fields[i])) return null;
        }
        return fields.Length == 0 ? null : fields;
    }

    /// <summary>The running kernel's value of a key on this host, or null when it cannot be read.</summary>
    public static string? ReadRuntime(string key)
    {
        try
        {
            return File.ReadAllText(ProcPath(key)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
