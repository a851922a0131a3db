using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Hostile;

/// <summary>A throwaway folder for hostile files (symlinks, FIFOs, huge files), removed after the test.</summary>
internal sealed class RobustnessScratch() : ScratchFolder("nbr-h3-")
{
    /// <summary>A playbook with one probe and one condition; the probe's YAML is indented by four spaces under its name.</summary>
    public static string Playbook(string id, string probe, string when, string extra = "") => $"""
        apiVersion: netbufrules/v1
        id: {id}
        title: Hostile {id}
        severity: warning
        summary: a hostile sample
        why: because
        probes:
          v:
        {probe}
        when:
          - {when}
        {extra}
        """;
}
