using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Load;

/// <summary>The playbooks that loaded and every problem found on the way.</summary>
public sealed record LoadResult(IReadOnlyList<Playbook> Playbooks, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Each file's YAML tree with positions, for checks that look at the YAML itself (the schema).</summary>
    public IReadOnlyDictionary<string, YamlNode> Trees { get; init; } = new Dictionary<string, YamlNode>();
}
