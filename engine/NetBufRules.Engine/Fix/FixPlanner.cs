using NetBufRules.Evaluate;
using NetBufRules.Policy;
using NetBufRules.Primitives;
using NetBufRules.Render.Content;
using NetBufRules.Report;

namespace NetBufRules.Fix;

/// <summary>Turns the fixes of fired and advised findings into steps on a target file system (the host, or a --root).</summary>
internal static class FixPlanner
{
    /// <summary>The largest file a fix reads to compare and diff: fix files are a few lines; anything bigger is not one.</summary>
    public const int MaxCurrentBytes = 1 << 20;

    /// <summary>
    /// One step per rendered fix of a fired or advised finding. <paramref name="root"/> (null for the host) prefixes every
    /// path; <paramref name="runtime"/> reads a sysctl's current value (null when the target is not this host); <paramref name="policy"/>
    /// says where fixes may write.
    /// </summary>
    public static IReadOnlyList<FixStep> Plan(DiagnosisReport report, string? root, Func<string, string?>? runtime, SafetyPolicy policy)
    {
        var steps = new List<FixStep>();
        var repository = policy.AllowedFixDirectories.Except(SafetyPolicy.Default.AllowedFixDirectories).ToList();
        // Read once for every sysctl fix of the plan: the boot's other sysctl files, and whether the running values are
        // the written file's host's (they stand for it only when both are this run's, not under --root).
        var boot = new Lazy<IReadOnlyList<(string File, string Key, string Value)>>(() => SysctlDropIn.BootSettings(root));
        var hostView = new Lazy<string?>(() => root is null && runtime is not null ? HostSysctlView.Problem() : null);
        var memTotal = new Lazy<long?>(MemoryReserve.ReadMemTotalKb);
        foreach (var result in report.Results.Where(r => r.Status is FindingStatus.Fired or FindingStatus.Advice))
        {
            foreach (var fix in result.Fixes)
            {
                var target = root is null ? fix.Path : Path.Join(root, fix.Path);
                var problem = TargetProblem(fix.Path, target, root, policy);
                string? current = null;
                if (problem is null) (current, problem) = ReadCurrent(target);
                if (problem is null && SysctlDropIn.IsSysctlDropIn(fix.Path))
                {
                    // A sysctl.d file of the same name elsewhere is the one this fix overrides, not one the boot applies beside it.
                    var others = boot.Value.Where(b => b.File == SysctlDropIn.SysctlConf || Path.GetFileName(b.File) != Path.GetFileName(fix.Path)).ToList();
                    problem = SysctlDropIn.WouldLower(fix.Content, current, runtime, others) ?? MemoryReserve.Problem(fix.Content, runtime, () => memTotal.Value) ?? hostView.Value;
                }
                var kind = FixTarget.Of(fix.Path, repository).Target?.Kind;
                if (problem is null && current is not null && current != fix.Content && kind is { } k)
                    problem = ExistingSettings.Problem(k, current, fix.Content, result.Finding.Playbook.Id);
                if (problem is null) problem = ConfiguredLimits.Problem(fix.Path, fix.Content, root);
                steps.Add(new FixStep(result.Finding.Playbook.Id, result.Status, fix, target, current)
                {
                    Refused = problem,
                    ExportOnly = ExportOnly(fix.Path),
                });
            }
        }
        // Two fixes of one file were each planned against the file as it was, and the second write dropped the first's
        // lines: neither is applied, and both say which other fix writes there.
        var shared = steps.GroupBy(s => s.Target, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(s => s.PlaybookId).Distinct(StringComparer.Ordinal)), StringComparer.Ordinal);
        steps = [.. steps.Select(s => s.Refused is null && shared.TryGetValue(s.Target, out var writers)
            ? s with { Refused = $"{s.Fix.Path} is written by more than one fix ({writers}); each would replace the other's lines, so neither is applied: give each playbook its own file" }
            : s)];
        if (root is not null || runtime is null) return steps;
        // On this host: a sysctl file whose key cannot be set from here (the host's, seen from a network namespace) is
        // not attempted, and neither are its playbook's other files (the finding could not be verified with half its fix).
        var notHere = steps.Where(s => s.Refused is null && SysctlDropIn.IsSysctlDropIn(s.Fix.Path))
            .Select(s => (Step: s, Why: SysctlReach.NotHere(s.Fix.Content)))
            .Where(s => s.Why is not null)
            .ToDictionary(s => s.Step, s => s.Why!);
        return [.. steps.Select(s => notHere.TryGetValue(s, out var why) ? s with { NotHere = why }
            : notHere.Keys.FirstOrDefault(o => o.PlaybookId == s.PlaybookId) is { } other
                ? s with { NotHere = $"{other.Fix.Path}, another file of this fix, cannot be applied here ({notHere[other]})" }
                : s)];
    }

    /// <summary>
    /// Why <c>--apply</c> may not write <paramref name="path"/>, or null: it writes only into the built-in places (sysctl.d,
    /// limits.d, systemd drop-ins), whose every line the content check reads. A folder a repository config adds
    /// (<c>allow_fix_dirs</c>) holds files whose meaning no check knows (a supervisor program, a monit check, an
    /// OpenVPN hook all run commands), and a deny list of such folders is never complete: those fixes are shown and
    /// exported with --write for configuration management, never applied.
    /// </summary>
    public static string? ExportOnly(string path) =>
        FixTarget.Of(path, []).Target is not null && SafetyPolicy.Default.AllowsFixPath(path) ? null
            : $"{path} is in a folder the repository config adds (allow_fix_dirs), whose files no check can read; --apply writes only into {string.Join(", ", SafetyPolicy.Default.AllowedFixDirectories)}: export it with --write DIR for configuration management";

    /// <summary>The file at the target when it is a regular file within the cap; never a FIFO, device or socket (reading one could hang).</summary>
    private static (string? Current, string? Problem) ReadCurrent(string target)
    {
        if (NativeFile.Stat(target, follow: false) is not { } stat) return (null, File.Exists(target) ? $"{target} cannot be examined" : null);
        if ((stat.Mode & NativeFile.TypeMask) != NativeFile.Regular)
            return (null, $"{target} is not a regular file ({NativeFile.Kind(stat.Mode)}); a fix reads and replaces only regular files");
        try
        {
            return (BoundedFile.ReadText(target, MaxCurrentBytes), null);
        }
        catch (BoundedFileException e)
        {
            return (null, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"{target} cannot be read: {e.Message}");
        }
    }

    /// <summary>A fix writes only a plain file in an allowed place, never through a link.</summary>
    private static string? TargetProblem(string path, string target, string? root, SafetyPolicy policy)
    {
        if (!policy.AllowsFixPath(path)) return $"{path} is outside the places a fix may write";
        if (path.Any(char.IsControl)) return "the path has control characters";
        var info = new FileInfo(target);
        if (info.LinkTarget is not null) return $"{target} is a symbolic link; a fix never writes through a link";
        if (Directory.Exists(target)) return $"{target} is a folder";
        // --write/--root DIR: the checks below go by path and so does the write; they hold only when no one else can
        // swap a folder in between, so DIR, every folder above it and every folder down to the file must be writable
        // by root or the running user alone (FolderTrust).
        if (root is not null && FolderTrust.Problem(root) is { } untrusted) return $"{untrusted}; a fix is never written where someone else could redirect it";
        // Every folder between the root and the file must be a real folder, not a link to somewhere else.
        var stop = root is null ? "/" : Path.GetFullPath(root);
        for (var dir = info.Directory; dir is not null && dir.FullName.TrimEnd('/').Length > stop.TrimEnd('/').Length; dir = dir.Parent)
        {
            if (dir.Exists && dir.LinkTarget is not null) return $"{dir.FullName} is a symbolic link; a fix never writes through a link";
            if (root is not null && NativeFile.Stat(dir.FullName, follow: false) is { } st && FolderTrust.Untrusted(dir.FullName, st, allowSticky: false) is { } why)
                return $"{why}; a fix is never written where someone else could redirect it";
        }
        return null;
    }
}
