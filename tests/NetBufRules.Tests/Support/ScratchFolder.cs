namespace NetBufRules.Tests.Support;

/// <summary>A throwaway folder for one test under the temp folder, removed afterwards without following any link in it.</summary>
internal abstract class ScratchFolder : IDisposable
{
    /// <summary>Creates the folder, named <paramref name="prefix"/> and a random part (a second copy of the suite never shares it).</summary>
    protected ScratchFolder(string prefix)
    {
        Root = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The folder.</summary>
    public string Root { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> below the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Removes the folder; a leftover under /tmp is not a test failure.</summary>
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
        GC.SuppressFinalize(this);
    }
}
