using NetBufRules.Packs;

namespace NetBufRules.Testing;

/// <summary>
/// The pack a test file belongs to: the nearest folder above it with a <c>pack.yaml</c>, and the pack's snapshots
/// folder (the manifest's <c>snapshots:</c>, else <c>snapshots/</c> beside the manifest). Only what tests need to
/// find their snapshots when the pack is copied elsewhere.
/// </summary>
internal sealed record PackFolder(string Root, string Snapshots)
{
    /// <summary>The manifest's <c>name:</c>, else the pack folder's name.</summary>
    public string Name { get; init; } = Path.GetFileName(Root);

    /// <summary>The pack holding <paramref name="file"/>, or null when no folder above it has a manifest.</summary>
    public static PackFolder? Of(string file)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(file))!); dir is not null; dir = dir.Parent)
        {
            var manifestFile = Path.Combine(dir.FullName, PackManifest.FileName);
            if (!File.Exists(manifestFile)) continue;
            // The pack loader reads the same manifest and reports its mistakes; here only name and snapshots are needed.
            var manifest = PackManifestReader.Read(manifestFile, new Diagnostics.DiagnosticBag());
            return new PackFolder(dir.FullName, Path.GetFullPath(Path.Combine(dir.FullName, manifest?.Snapshots ?? "snapshots"))) { Name = manifest?.Name ?? dir.Name };
        }
        return null;
    }

    /// <summary>Whether <paramref name="path"/> lies inside the pack, so a copy of the pack carries it.</summary>
    public bool Holds(string path) => Path.GetFullPath(path).StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// Where a test's <c>snapshot:</c> is: relative to the test file (as always), else relative to the pack's snapshots
    /// folder, else that folder's file of the same name (a pack copied out of the repository that held
    /// <c>../examples/snapshots/X.json</c>). Gives null and the places tried when none exists.
    /// </summary>
    public static (string? Path, IReadOnlyList<string> Tried, PackFolder? Pack) ResolveSnapshot(string testFile, string snapshot)
    {
        var besideTest = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(testFile))!, snapshot));
        var pack = Of(testFile);
        var tried = new List<string> { besideTest };
        if (pack is not null)
        {
            tried.Add(Path.GetFullPath(Path.Combine(pack.Snapshots, snapshot)));
            tried.Add(Path.Combine(pack.Snapshots, Path.GetFileName(snapshot)));
        }
        return (tried.Distinct().FirstOrDefault(File.Exists), tried.Distinct().ToList(), pack);
    }
}
