namespace NetBufRules.Diagnostics;

/// <summary>How bad a playbook problem is.</summary>
public enum DiagnosticSeverity
{
    Warning,
    Error,
}
