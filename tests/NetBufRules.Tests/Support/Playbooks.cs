using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Model;

namespace NetBufRules.Tests.Support;

/// <summary>Builds playbooks from YAML text for tests.</summary>
internal static class Playbooks
{
    public static Playbook Parse(string yaml, string file = "test.yaml")
    {
        var bag = new DiagnosticBag();
        var playbook = PlaybookParser.Parse(file, yaml, bag);
        bag.Items.ShouldBeEmpty(string.Join("\n", bag.Items));
        return playbook!;
    }

    /// <summary>A minimal valid playbook around the given probes and conditions.</summary>
    public static string Minimal(string probes, string when, string extra = "") => $"""
        apiVersion: netbufrules/v1
        id: sample
        title: Sample
        severity: warning
        summary: a sample
        why: because
        params:
          limit: 10
        probes:
        {probes}
        when:
        {when}
        {extra}
        """;
}
