namespace NetBufRules.Tests.Hostile;

/// <summary>A throwaway folder for hostile files (symlinks, FIFOs, huge files), removed after the test.</summary>
internal sealed class RobustnessScratch : IDisposable
{
    public RobustnessScratch()
    {
        Root = Path.Combine(Path.GetTempPath(), "nbr-h3-" + Guid.NewGuid().ToString("N")[..10]);
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

    public void Dispose()
    {
        try
        {
            // Never follow links while deleting: one of them may point at /. Links go first, walked by hand.
            var pending = new Stack<string>([Root]);
            while (pending.Count > 0)
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(pending.Pop()))
                {
                    if (new FileInfo(entry).LinkTarget is not null) File.Delete(entry);
                    else if (Directory.Exists(entry)) pending.Push(entry);
                }
            }
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it lives under /tmp.
        }
    }
}
