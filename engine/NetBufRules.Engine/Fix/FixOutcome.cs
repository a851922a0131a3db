using NetBufRules.Evaluate;

namespace NetBufRules.Fix;

/// <summary>
/// What <c>fix --apply</c> did to each step, and how it ended. Each playbook's fix is applied, verified and rolled back
/// on its own: <see cref="Failures"/> says why each rolled-back playbook was, <see cref="Failure"/> is the first of them
/// (or why nothing was written).
/// </summary>
internal sealed record FixOutcome(IReadOnlyList<AppliedStep> Steps, FixResult Result, string? Failure, IReadOnlyDictionary<string, FindingStatus> Verified)
{
    /// <summary>Why each rolled-back playbook was rolled back, by playbook id.</summary>
    public IReadOnlyDictionary<string, string> Failures { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The playbooks whose files are on the host now (written, not rolled back), in the order applied.</summary>
    public IReadOnlyList<string> AppliedIds => [.. Steps.Where(s => s.Written && !s.RolledBack).Select(s => s.Step.PlaybookId).Distinct(StringComparer.Ordinal)];

    /// <summary>The playbooks rolled back, in the order applied.</summary>
    public IReadOnlyList<string> RolledBackIds => [.. Steps.Where(s => s.RolledBack).Select(s => s.Step.PlaybookId).Distinct(StringComparer.Ordinal)];

    /// <summary>The playbooks not attempted from here, with why (a host-wide sysctl seen from a network namespace).</summary>
    public IReadOnlyList<(string Id, string Why)> NotHereIds => [.. Steps.Where(s => s.Step.NotHere is not null)
        .GroupBy(s => s.Step.PlaybookId, StringComparer.Ordinal).Select(g => (g.Key, g.First().Step.NotHere!))];
}

/// <summary>One step as applied: the backup of what it replaced, its <c>then</c>, and whether it was rolled back.</summary>
internal sealed record AppliedStep(FixStep Step, bool Written, string? Backup, ThenRun? Then, bool RolledBack);

/// <summary>A <c>then</c> command as it ran.</summary>
internal sealed record ThenRun(IReadOnlyList<string> Argv, int ExitCode, string Output);

/// <summary>How an apply ended.</summary>
internal enum FixResult
{
    /// <summary>Every step written, every <c>then</c> succeeded, and the playbooks no longer fire.</summary>
    Applied,

    /// <summary>Some playbooks' fixes are applied; others were rolled back or could not be applied from here.</summary>
    PartlyApplied,

    /// <summary>Every playbook attempted failed (a step, its <c>then</c> or its verification): every file is back as it was.</summary>
    RolledBack,

    /// <summary>Nothing to write: no fix, or every file already had its content.</summary>
    NothingToDo,

    /// <summary>No fix could be applied from here (each sets a host-wide sysctl seen from a network namespace); nothing was written.</summary>
    NotHere,
}
