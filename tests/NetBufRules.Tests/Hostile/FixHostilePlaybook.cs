namespace NetBufRules.Tests.Hostile;

/// <summary>A playbook around hostile fixes, written to a throwaway folder.</summary>
internal sealed class FixHostilePlaybook : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("nbr-h2-hostile-");

    public FixHostilePlaybook(string fix, string probes = "", string tail = "")
    {
        File = Path.Combine(_folder.FullName, "hostile.yaml");
        System.IO.File.WriteAllText(File, Yaml(fix, probes, tail));
    }

    /// <summary>The playbook's path.</summary>
    public string File { get; }

    /// <summary>
    /// The playbook text: somaxconn is measured and the condition always holds. Without <paramref name="probes"/> the
    /// fix list starts at line 12; <paramref name="tail"/> (params, say) goes after it.
    /// </summary>
    public static string Yaml(string fix, string probes = "", string tail = "") =>
        "apiVersion: netbufrules/v1\n" +
        "id: hostile\n" +
        "title: Hostile\n" +
        "severity: warning\n" +
        "summary: A playbook written to do harm.\n" +
        "why: The tests show it cannot.\n" +
        "probes:\n" +
        "  somaxconn:\n" +
        "    sysctl: net.core.somaxconn\n" +
        probes +
        "when: somaxconn < 1000000000\n" +
        "fix:\n" +
        fix + (fix.EndsWith('\n') ? "" : "\n") +
        tail;

    public void Dispose() => _folder.Delete(recursive: true);
}
