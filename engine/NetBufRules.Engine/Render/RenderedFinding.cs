using NetBufRules.Evaluate;

namespace NetBufRules.Render;

/// <summary>A finding with its reason in words and its fixes rendered.</summary>
internal sealed record RenderedFinding(Finding Finding, FindingStatus Status, string Reason, IReadOnlyList<string> Notes, IReadOnlyList<RenderedFix> Fixes)
{
    /// <summary>
    /// For an ok finding, one healthy sentence per symptom that was checked and did not hold (each <c>when</c> item's
    /// <c>ok</c> prose, else derived from its message); <see cref="Reason"/> joins them with what could not be checked.
    /// Empty for every other status.
    /// </summary>
    public IReadOnlyList<string> OkReasons { get; init; } = [];
}
