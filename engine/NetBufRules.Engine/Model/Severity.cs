namespace NetBufRules.Model;

/// <summary>How urgent a cause is when it fires.</summary>
internal enum Severity
{
    Info,
    Warning,
    Critical,
}
