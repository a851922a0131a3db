using NetBufRules.Evaluate;
using NetBufRules.Policy;
using NetBufRules.Report;

namespace NetBufRules.Fix;

/// <summary>Turns the fixes of fired and advised findings into steps on a target file system (the host, or a --root).</summary>
internal static class FixPlanner
{
    /// <summary>
    /// One step per rendered fix of a fired or advised finding. <paramref name="root"/> (null for the host) prefixes every
    /// path; <paramref name="runtime"/> reads a sysctl's current value (null when the target is not this host); <paramref name="policy"/>
    /// says where fixes may write.
    /// </summary>
    public static IReadOnlyList<FixStep> Plan(DiagnosisReport report, string? root, Func<string, string?>? runtime, SafetyPolicy policy)
    {
        var steps = new List<FixStep>();
        foreach (var result in report.Results.Where(r => r.Status is FindingStatus.Fired or FindingStatus.Advice))
        {
            foreach (var fix in result.Fixes)
            {
                var target = root is null ? fix.Path : Path.Join(root, fix.Path);
                var problem = TargetProblem(fix.Path, target, root, policy);
                string? current = null;
                if (problem is null && File.Exists(target)) current = File.ReadAllText(target);
                problem ??= SysctlDropIn.IsSysctlDropIn(fix.Path) ? SysctlDropIn.WouldLower(fix.Content, current, runtime) : null;
                steps.Add(new FixStep(result.Finding.Playbook.Id, result.Status, fix, target, current) { Refused = problem });
            }
        }
        return steps;
    }

    /// <summary>A fix writes only a plain file in an allowed place, never through a link.</summary>
    private static string? TargetProblem(string path, string target, string? root, SafetyPolicy policy)
    {
        if (!policy.AllowsFixPath(path)) return $"{path} is outside the places a fix may write";
        if (path.Any(char.IsControl)) return "the path has control characters";
        var info = new FileInfo(target);
        if (info.LinkTarget is not null) return $"{target} is a symbolic link; a fix never writes through a link";
        if (Directory.Exists(target)) return $"{target} is a folder";
        // Every folder between the root and the file must be a real folder, not a link to somewhere else.
        var stop = root is null ? "/" : Path.GetFullPath(root);
        for (var dir = info.Directory; dir is not null && dir.FullName.TrimEnd('/').Length > stop.TrimEnd('/').Length; dir = dir.Parent)
        {
            if (dir.Exists && dir.LinkTarget is not null) return $"{dir.FullName} is a symbolic link; a fix never writes through a link";
        }
        return null;
    }
}
