using NetBufRules.Render.Content;

namespace NetBufRules.Fix;

/// <summary>
/// The limits other files already configure for what a limits.d file or a systemd drop-in sets. A fix's value is held
/// to the running processes' limits when it is rendered; but a process started before an admin raised its limit runs
/// with the old one, and the file the fix writes is read after the admin's: pam_limits reads
/// <c>/etc/security/limits.conf</c>, then <c>limits.d/*.conf</c> in order, a later <c>*</c> line replacing an earlier
/// one, and systemd applies a unit's drop-ins over its file. So <c>* nofile 65536</c> in <c>90-netbufrules.conf</c>
/// lowers a <c>* nofile 500000</c> of <c>10-admin.conf</c> for every later login, and <c>LimitNOFILE=65536</c> in a
/// drop-in lowers the unit's own <c>LimitNOFILE=1048576</c> at its next restart. Such a fix is refused, naming the file
/// and the value it would lower.
/// </summary>
internal static class ConfiguredLimits
{
    /// <summary>Where systemd looks for a unit and its drop-ins, most important first.</summary>
    private static readonly string[] UnitFolders = ["/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"];

    private const string LimitsConf = "/etc/security/limits.conf";
    private const string LimitsFolder = "/etc/security/limits.d";

    /// <summary>Why <paramref name="content"/> at <paramref name="fixPath"/> would lower a limit another file sets (under <paramref name="root"/>, null for this host), or null.</summary>
    public static string? Problem(string fixPath, string content, string? root)
    {
        var kind = FixTarget.Of(fixPath, []).Target?.Kind;
        var others = kind switch
        {
            FixKind.Limits when Path.GetDirectoryName(fixPath) == LimitsFolder => LimitsFiles(fixPath, root),
            FixKind.SystemdDropIn => UnitFiles(fixPath, root),
            _ => [],
        };
        if (others.Count == 0) return null;
        var next = ExistingSettings.Read(kind!.Value, content);
        var lowered = new List<string>();
        foreach (var (file, text) in others)
        {
            foreach (var (key, value) in ExistingSettings.Read(kind.Value, text))
            {
                // Only what the fix's own lines set, domain by domain ('*' or root): a user's or a group's line the fix
                // does not write outranks '*' in pam_limits, whatever file it is in.
                if (!next.TryGetValue(key, out var ours)) continue;
                if (ExistingSettings.Compare(kind.Value, key, value, ours) is not { } cmp || cmp < 0)
                    lowered.Add($"{Shown(kind.Value, key, value)} in {file} (the fix writes {ours})");
            }
        }
        if (lowered.Count == 0) return null;
        var reader = kind == FixKind.Limits
            ? "pam_limits reads this file after those, so its lines would replace theirs for every new login"
            : "systemd applies this drop-in over the unit's own files, so it would replace their value at the next restart";
        return $"{Path.GetFileName(fixPath)} would lower {string.Join(", ", lowered)}: {reader}; a fix never lowers a configured value (the process "
            + "measured runs with an older limit: restart it to take the configured one)";
    }

    private static string Shown(FixKind kind, string key, string value) => kind == FixKind.Limits ? $"'{key} {value}'" : $"{key.Split(' ', 2)[^1]}={value}";

    /// <summary>limits.conf and every other limits.d file (a file of the fix's name is the one it replaces, compared elsewhere).</summary>
    private static List<(string File, string Text)> LimitsFiles(string fixPath, string? root) =>
        Read(root, new[] { LimitsConf }.Concat(TargetConfig.Files(root, LimitsFolder).Where(f => Path.GetFileName(f) != Path.GetFileName(fixPath))));

    /// <summary>The unit's own file (the first found, as systemd takes it) and its other drop-ins in every unit folder.</summary>
    private static List<(string File, string Text)> UnitFiles(string fixPath, string? root)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(fixPath)!);
        if (!folder.EndsWith(".d", StringComparison.Ordinal)) return [];
        var unit = folder[..^2];
        // A template instance (web@1.service) takes web@.service's file and drop-ins too; a type's drop-ins (service.d) apply to every unit.
        var template = unit.Contains('@', StringComparison.Ordinal) ? unit[..(unit.IndexOf('@', StringComparison.Ordinal) + 1)] + unit[unit.LastIndexOf('.')..] : null;
        var main = Read(root, UnitFolders.Select(d => $"{d}/{unit}")).Take(1).ToList();
        if (main.Count == 0 && template is not null) main = Read(root, UnitFolders.Select(d => $"{d}/{template}")).Take(1).ToList();
        var kinds = new[] { unit, template, unit[(unit.LastIndexOf('.') + 1)..] }.OfType<string>();
        return [.. main, .. Read(root, UnitFolders.SelectMany(dir => kinds.SelectMany(name => TargetConfig.Files(root, $"{dir}/{name}.d"))).Where(f => f != fixPath))];
    }

    /// <summary>Each of <paramref name="files"/> the target has, with its text, read once.</summary>
    private static List<(string File, string Text)> Read(string? root, IEnumerable<string> files) =>
        [.. files.Select(f => (File: f, Text: TargetConfig.Text(root, f))).Where(f => f.Text is not null).Select(f => (f.File, f.Text!))];
}
