using System.Collections;

namespace NetBufRules.Probe;

/// <summary>
/// The whole environment a probe command runs with: a fixed PATH, the C locale, and nothing inherited. The caller's
/// environment holds tokens and secrets (a probe that prints it would put them in reports and shared snapshots) and
/// variables that change what a program loads or runs (LD_PRELOAD, LD_LIBRARY_PATH, PAGER, SYSTEMD_PAGER, ...).
/// </summary>
internal static class ProbeEnvironment
{
    /// <summary>The variables a probe sees, and nothing else.</summary>
    public static IReadOnlyDictionary<string, string> For(string searchPath) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PATH"] = searchPath,
        ["LC_ALL"] = "C",
        ["LANG"] = "C",
    };

    /// <summary>
    /// What to hand CliWrap, which starts from this process's environment and only adds or removes: every inherited
    /// variable removed (null), then <see cref="For"/> set.
    /// </summary>
    public static Dictionary<string, string?> Replacing(string searchPath)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry inherited in Environment.GetEnvironmentVariables())
        {
            if (inherited.Key is string name) result[name] = null;
        }
        foreach (var (name, value) in For(searchPath)) result[name] = value;
        return result;
    }
}
