namespace NetBufRules.Tests.Packs;

/// <summary>A throwaway folder of packs for one test, removed afterwards; every path it hands out is real.</summary>
internal sealed class PackFolder : IDisposable
{
    public PackFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "nbr-set-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> below the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

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

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }
}
