namespace NetBufRules.Model;

/// <summary>How urgent a cause is when it fires.</summary>
public enum Severity
{
    Info,
    Warning,
    Critical,
}
