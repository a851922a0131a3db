namespace NetBufRules.Diagnostics;

/// <summary>One diagnostic code: its stable id, default severity, a short title and the help a SARIF viewer shows.</summary>
internal sealed record DiagnosticCode(string Id, DiagnosticSeverity Severity, string Title, string Help);
