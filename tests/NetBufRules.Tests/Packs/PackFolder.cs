using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Packs;

/// <summary>A throwaway folder of packs for one test, removed afterwards; every path it hands out is real.</summary>
internal sealed class PackFolder() : ScratchFolder("nbr-set-")
{
    /// <summary>A team playbook that reads one sysctl, tagged, pointing see_also at a built-in playbook.</summary>
    public static string TeamPlaybook(string id, string tags = "[team, tcp]", string seeAlso = "[tcp-backlog]") => $"""
        apiVersion: netbufrules/v1
        id: {id}
        title: Team {id}
        severity: warning
        tags: {tags}
        summary: The team's listeners need a deeper accept queue.
        why: A deeper accept queue absorbs the team's bursts.
        see_also: {seeAlso}
        params:
          min_somaxconn: 8192  # the team's load test
        probes:
          somaxconn:
            sysctl: net.core.somaxconn
        when: somaxconn < min_somaxconn
        """;
}
