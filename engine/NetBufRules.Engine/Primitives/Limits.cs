namespace NetBufRules.Primitives;

/// <summary>
/// Resource limits on everything a playbook, a values file or a snapshot can make the engine do: far above any real
/// use (the largest pack playbook is about 12 KB, 9 levels deep, without aliases), far below what hurts a host.
/// </summary>
internal static class Limits
{
    /// <summary>A playbook, test, values or config file larger than this is refused unread.</summary>
    public const int YamlFileBytes = 1024 * 1024;

    /// <summary>YAML nesting deeper than this is refused (deep nesting overflowed the stack).</summary>
    public const int YamlDepth = 40;

    /// <summary>
    /// Params one playbook may declare: the pack's have a dozen; 40,000 in one shared base (600 KB, under the file
    /// limit) made each load quadratic and, multiplied by 199 four-line 'extends:' variants, ran out of memory.
    /// </summary>
    public const int ParamsPerPlaybook = 1000;

    /// <summary>
    /// Nodes a YAML document may expand to once every alias is followed (an alias bomb multiplies them). The pack's
    /// largest file has 690; a 600 KB base of 40,000 params, extended by 199 four-line files, cost 1.5 GB to lint.
    /// </summary>
    public const int YamlExpandedNodes = 10_000;

    /// <summary>Characters of one condition.</summary>
    public const int ExpressionChars = 4096;

    /// <summary>Nesting of parentheses in one condition.</summary>
    public const int ExpressionNesting = 32;

    /// <summary>Characters of one template.</summary>
    public const int TemplateChars = 64 * 1024;

    /// <summary>How long one regex match may take before the probe or condition using it fails.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long all the matches of one regex over one output may take together: the limit above is per match, so a
    /// pattern that takes 6 ms a line over 11,000 lines held its probe (and the run) for over a minute, and one near
    /// 200 ms a line would hold it for most of an hour. A pack regex reads the 1 MiB an output may have in well under this.
    /// </summary>
    public static readonly TimeSpan RegexScanBudget = TimeSpan.FromSeconds(2);
    /// <summary>The words every "a regex ran out of its time" reason holds (a race with the clock, never reused as an answer).</summary>
    public const string RegexTimedOut = "ran longer than";

    /// <summary>A snapshot file larger than this is refused unread (recorded hosts are about 100 KB).</summary>
    public const int SnapshotBytes = 64 * 1024 * 1024;
}
