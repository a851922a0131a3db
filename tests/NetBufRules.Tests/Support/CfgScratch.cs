namespace NetBufRules.Tests.Support;

/// <summary>A throwaway folder for input-file and config-trust tests (real files, links, FIFOs), removed after the test.</summary>
internal sealed class CfgScratch() : ScratchFolder("nbr-cfg-")
{
    /// <summary>Makes a FIFO at <paramref name="name"/> below the folder with mkfifo(1); null when it cannot.</summary>
    public string? Fifo(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", path)) mkfifo.WaitForExit();
        return File.Exists(path) ? path : null;
    }

    /// <summary>Makes a symbolic link at <paramref name="name"/> below the folder pointing at <paramref name="target"/>.</summary>
    public string Link(string name, string target)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    /// <summary>Sets the mode of <paramref name="path"/> (octal, e.g. "0666" or "1777") with chmod(1).</summary>
    public static void Chmod(string path, string mode)
    {
        using var chmod = System.Diagnostics.Process.Start("chmod", [mode, path]);
        chmod.WaitForExit();
    }

    /// <summary>Gives <paramref name="path"/> to uid 65534 with chown(1) (root only).</summary>
    public static void GiveToNobody(string path)
    {
        using var chown = System.Diagnostics.Process.Start("chown", ["65534", path]);
        chown.WaitForExit();
    }
}
