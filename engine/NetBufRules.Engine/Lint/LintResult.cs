using NetBufRules.Diagnostics;

namespace NetBufRules.Lint;

/// <summary>Every problem lint found, how many files it read, and the config it used.</summary>
internal sealed record LintResult(IReadOnlyList<Diagnostic> Diagnostics, int Files, string? ConfigFile)
{
    public int Errors => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    public int Warnings => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
}
