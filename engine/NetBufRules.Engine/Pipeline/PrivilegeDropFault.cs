using NetBufRules.Evaluate;
using NetBufRules.Probe;
using NetBufRules.Render;

namespace NetBufRules.Pipeline;

/// <summary>
/// A finding that is ok or skipped only because its command probes could not start with the probe's privileges
/// (setpriv could not drop to the probe uid: a service's capability bounding set without CAP_SETUID) is an error that
/// says so: an ok there would be a cause never looked at, reported healthy, and a skip would read as a missing tool.
/// A finding that fired or advised on what it could read keeps its verdict.
/// </summary>
internal static class PrivilegeDropFault
{
    /// <summary><paramref name="result"/>, or its error when a probe it needed failed at the privilege drop.</summary>
    public static RenderedFinding Apply(RenderedFinding result, IReadOnlyDictionary<string, ProbeResult> probes)
    {
        if (result.Status is not (FindingStatus.Ok or FindingStatus.Skipped)) return result;
        var failed = probes.Values
            .Where(p => p.Status == ProbeStatus.Skipped)
            .SelectMany(p => p.Attempts.SelectMany(a => a.Samples).Where(s => s.Failure == ReadFailure.PrivilegeDrop).Select(s => (p.Name, s.FailureMessage)))
            .ToList();
        if (failed.Count == 0) return result;
        var names = string.Join(", ", failed.Select(f => f.Name).Distinct(StringComparer.Ordinal));
        var reason = $"not checked, command probes could not run: {failed[0].FailureMessage} (probes {names}); this is not a verdict on this host";
        return result with
        {
            Finding = result.Finding with { Status = FindingStatus.Error, Error = reason },
            Status = FindingStatus.Error,
            Reason = reason,
            Notes = [],
            Fixes = [],
            OkReasons = [],
        };
    }
}
