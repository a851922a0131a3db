namespace NetBufRules.Diagnostics;

/// <summary>One playbook problem with its place, a stable code and a hint at the fix.</summary>
internal sealed record Diagnostic(SourcePosition Position, DiagnosticSeverity Severity, string Code, string Message, string? Hint = null)
{
    /// <summary>gcc-style line: <c>file:line:col: error CODE: message (hint)</c>, on one line whatever the playbook held.</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var hint = string.IsNullOrEmpty(Hint) ? "" : $" (hint: {Hint})";
        return Primitives.HostText.Escape($"{Position}: {severity} {Code}: {Message}{hint}");
    }
}
