namespace NetBufRules.Diagnostics;

/// <summary>How bad a playbook problem is.</summary>
internal enum DiagnosticSeverity
{
    Warning,
    Error,
}
