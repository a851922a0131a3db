using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Load;

/// <summary>The playbooks that loaded and every problem found on the way.</summary>
internal sealed record LoadResult(IReadOnlyList<Playbook> Playbooks, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
