using NetBufRules.Evaluate;
using NetBufRules.Render;

namespace NetBufRules.Fix;

/// <summary>One rendered fix placed on the target file system: what is there now and what the fix would make of it.</summary>
internal sealed record FixStep(string PlaybookId, FindingStatus Status, RenderedFix Fix, string Target, string? Current)
{
    /// <summary>A new file, a change to an existing one, or nothing to write.</summary>
    public FixAction Action => Current is null ? FixAction.Create : Current == Fix.Content ? FixAction.Unchanged : FixAction.Modify;

    /// <summary>Why the step may not be applied (it would lower a value, or the target is not a plain file), or null.</summary>
    public string? Refused { get; init; }

    /// <summary>
    /// Why <c>--apply</c> (on the host or under --root) never writes this step, or null: it goes into a folder a
    /// repository config adds. It is still shown and exported by --write.
    /// </summary>
    public string? ExportOnly { get; init; }

    /// <summary>
    /// Why <c>--apply</c> does not attempt this step from here, or null: a sysctl key it sets is the host's and cannot be
    /// set in this network namespace. Not a refusal: the other playbooks' fixes are still applied.
    /// </summary>
    public string? NotHere { get; init; }
}

/// <summary>What applying a step does to its file.</summary>
internal enum FixAction
{
    /// <summary>The file does not exist yet.</summary>
    Create,

    /// <summary>The file exists with other content.</summary>
    Modify,

    /// <summary>The file already has exactly this content.</summary>
    Unchanged,
}
