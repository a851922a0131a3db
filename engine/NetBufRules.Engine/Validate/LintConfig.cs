using NetBufRules.Diagnostics;
using NetBufRules.Load;

namespace NetBufRules.Validate;

/// <summary>
/// A repository's lint settings in <c>.netbufrules.yaml</c> (found in the linted folder or a parent):
/// <c>allow_commands</c> adds probe programs to the allowlist, <c>allow_fix_dirs</c> adds places fixes may write.
/// </summary>
public static class LintConfig
{
    public const string FileName = ".netbufrules.yaml";

    /// <summary>The config file for <paramref name="paths"/>: the first found in a path or its parents, or null.</summary>
    public static string? Find(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var dir = Directory.Exists(path) ? new DirectoryInfo(Path.GetFullPath(path)) : new FileInfo(Path.GetFullPath(path)).Directory;
            for (; dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, FileName);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>The policy: the defaults plus what <paramref name="file"/> allows; problems go to <paramref name="diagnostics"/>.</summary>
    public static SafetyPolicy Load(string? file, DiagnosticBag diagnostics)
    {
        var policy = SafetyPolicy.Default;
        if (file is null) return policy;
        var root = YamlTreeReader.Read(file, File.ReadAllText(file), diagnostics);
        if (root is null) return policy;
        var reader = new NodeReader(File.ReadAllLines(file), diagnostics);
        var map = reader.Map(root, "the lint config");
        if (map is null) return policy;
        reader.CheckKeys(map, "the lint config", ["allow_commands", "allow_fix_dirs"]);
        var commands = reader.Strings(map["allow_commands"], "'allow_commands'");
        foreach (var bad in commands.Where(c => SafetyPolicy.Interpreters.Contains(c)))
            diagnostics.Error(map["allow_commands"]!.Position, Codes.BadConfig, $"'{bad}' runs code given to it and cannot be allowed", "allow the tool itself, not a shell or interpreter");
        var dirs = reader.Strings(map["allow_fix_dirs"], "'allow_fix_dirs'");
        foreach (var bad in dirs.Where(d => !d.StartsWith('/') || !d.EndsWith('/') || d.Split('/').Contains("..")))
            diagnostics.Error(map["allow_fix_dirs"]!.Position, Codes.BadConfig, $"'{bad}' must be an absolute folder ending in '/' without '..'", "for example /etc/nginx/conf.d/");
        return new SafetyPolicy(
            new HashSet<string>(policy.AllowedBinaries.Concat(commands.Where(c => !SafetyPolicy.Interpreters.Contains(c))), StringComparer.Ordinal),
            [.. policy.AllowedFixDirectories.Concat(dirs.Where(d => d.StartsWith('/') && d.EndsWith('/') && !d.Split('/').Contains("..")))]);
    }
}
