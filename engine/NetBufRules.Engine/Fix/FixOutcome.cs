using NetBufRules.Evaluate;

namespace NetBufRules.Fix;

/// <summary>What <c>fix --apply</c> did to each step, and how it ended.</summary>
internal sealed record FixOutcome(IReadOnlyList<AppliedStep> Steps, FixResult Result, string? Failure, IReadOnlyDictionary<string, FindingStatus> Verified);

/// <summary>One step as applied: the backup of what it replaced, its <c>then</c>, and whether it was rolled back.</summary>
internal sealed record AppliedStep(FixStep Step, bool Written, string? Backup, ThenRun? Then, bool RolledBack);

/// <summary>A <c>then</c> command as it ran.</summary>
internal sealed record ThenRun(IReadOnlyList<string> Argv, int ExitCode, string Output);

/// <summary>How an apply ended.</summary>
internal enum FixResult
{
    /// <summary>Every step written, every <c>then</c> succeeded, and the playbooks no longer fire.</summary>
    Applied,

    /// <summary>A step failed or the verification did: every file is back as it was.</summary>
    RolledBack,

    /// <summary>Nothing to write: no fix, or every file already had its content.</summary>
    NothingToDo,
}
