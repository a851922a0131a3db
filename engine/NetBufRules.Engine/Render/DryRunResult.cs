using NetBufRules.Model;

namespace NetBufRules.Render;

/// <summary>What lint's dry run rendered: each template that failed, and the content of each fix that rendered (for the content checks).</summary>
internal sealed record DryRunResult(IReadOnlyList<TemplateProblem> Problems, IReadOnlyList<(FixSpec Fix, string Content)> Fixes);
