using NetBufRules.Packs;
using NetBufRules.Policy;

namespace NetBufRules.Validate;

/// <summary>
/// A repository's <c>.netbufrules.yaml</c> as every command applies it: the policy (allowlists, fix places) and
/// <c>exclude</c>, path globs relative to the config's folder that folder scans pass over (deliberately broken test
/// playbooks, vendored copies).
/// </summary>
internal sealed record RepositoryConfig(SafetyPolicy Policy, IReadOnlyList<string> Exclude, string? File)
{
    /// <summary>The folder the exclude globs are relative to.</summary>
    public string? Folder => File is null ? null : Path.GetDirectoryName(Path.GetFullPath(File));

    /// <summary>
    /// What a scan of <paramref name="scanned"/> passes over, or null for nothing. A glob that matches the scanned
    /// path itself does not apply: a path named on the command line is always read, even an excluded one.
    /// </summary>
    public Func<string, bool>? ExcludedBelow(string scanned)
    {
        if (Exclude.Count == 0 || Folder is not { } folder) return null;
        var globs = Exclude.Select(p => Glob.Of(p.TrimEnd('/'))).Where(g => Relative(folder, scanned) is not { } r || !g.MatchesPathOrParent(r)).ToList();
        if (globs.Count == 0) return null;
        return file => Relative(folder, file) is { } relative && globs.Any(g => g.MatchesPathOrParent(relative));
    }

    /// <summary>The path relative to the config's folder with '/', or null when it lies outside it.</summary>
    private static string? Relative(string folder, string path)
    {
        var relative = Path.GetRelativePath(folder, Path.GetFullPath(path)).Replace('\\', '/');
        if (relative == ".") return "";
        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative) ? null : relative;
    }
}
