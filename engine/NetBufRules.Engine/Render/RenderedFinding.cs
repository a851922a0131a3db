using NetBufRules.Evaluate;

namespace NetBufRules.Render;

/// <summary>A finding with its reason in words and its fixes rendered.</summary>
public sealed record RenderedFinding(Finding Finding, FindingStatus Status, string Reason, IReadOnlyList<string> Notes, IReadOnlyList<RenderedFix> Fixes);
