using NetBufRules.Diagnostics;

namespace NetBufRules.Packs;

/// <summary>
/// Finds the pack each playbook file belongs to: the nearest folder above it with a <c>pack.yaml</c> (up to the
/// repository's root, the folder holding <c>.git</c>); without one, the folder named on the command line (or the
/// file's folder) is a pack without a manifest, named after the folder.
/// </summary>
internal sealed class PackResolver(DiagnosticBag diagnostics)
{
    private readonly Dictionary<string, Pack?> _byFolder = new(StringComparer.Ordinal);

    /// <summary>The pack of <paramref name="file"/>, found while scanning <paramref name="scanned"/> (a folder or the file itself).</summary>
    public Pack PackOf(string file, string scanned)
    {
        for (var dir = new FileInfo(Path.GetFullPath(file)).Directory; dir is not null; dir = dir.Parent)
        {
            if (Manifested(dir.FullName) is { } pack) return pack;
            if (Path.Exists(Path.Combine(dir.FullName, ".git"))) break;
        }
        var root = Directory.Exists(scanned) ? scanned : Path.GetDirectoryName(file) is { Length: > 0 } d ? d : ".";
        var key = "anon:" + Path.GetFullPath(root);
        if (!_byFolder.TryGetValue(key, out var anonymous) || anonymous is null)
        {
            var name = new DirectoryInfo(Path.GetFullPath(root)).Name;
            anonymous = new Pack(name, null, null, root, null, IsBuiltIn: false);
            _byFolder[key] = anonymous;
        }
        return anonymous;
    }

    /// <summary>The pack whose manifest is in <paramref name="folder"/>, read once; null when there is none (or it is broken: reported).</summary>
    private Pack? Manifested(string folder)
    {
        if (_byFolder.TryGetValue(folder, out var known)) return known;
        var file = Path.Combine(folder, PackManifest.FileName);
        Pack? pack = null;
        if (File.Exists(file))
        {
            var manifest = PackManifestReader.Read(Shown(file), diagnostics);
            var name = manifest?.Name ?? new DirectoryInfo(folder).Name;
            pack = new Pack(name, manifest?.Version, manifest?.Description, Shown(folder), manifest, IsBuiltIn: false);
        }
        _byFolder[folder] = pack;
        return pack;
    }

    /// <summary>A path as the user sees it: relative to the current folder when below it.</summary>
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
