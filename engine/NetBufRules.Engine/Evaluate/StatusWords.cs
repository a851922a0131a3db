using NetBufRules.Model;

namespace NetBufRules.Evaluate;

/// <summary>The words reports use for statuses and severities.</summary>
internal static class StatusWords
{
    public static string Of(FindingStatus status) => status.ToString().ToLowerInvariant();

    public static string Of(Severity severity) => severity.ToString().ToLowerInvariant();
}
