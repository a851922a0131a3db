namespace NetBufRules.Primitives;

/// <summary>
/// Paths that are one file (a symlink or a hard link to another snapshot of the same folder): read once, under the
/// name that is not a link when there is one, so a fleet replay counts that host once, not once per name.
/// </summary>
internal static class SameFile
{
    /// <summary>
    /// <paramref name="files"/> with each file once (the order kept), and every other name of a file kept, with the
    /// name it was kept under. A path whose identity cannot be read is kept: reading it says what is wrong with it.
    /// </summary>
    public static (IReadOnlyList<string> Kept, IReadOnlyList<(string Dropped, string Kept)> Duplicates) Once(IReadOnlyList<string> files)
    {
        var identities = files.Select(f => NativeFile.Identity(f)).ToList();
        var keep = new Dictionary<(ulong, uint, uint), string>();
        for (var i = 0; i < files.Count; i++)
        {
            if (identities[i] is not { } id) continue;
            // The first name that is not a link wins; a link only when every name of the file is one.
            if (!keep.TryGetValue(id, out var kept) || (FileKind.IsSymlink(kept) && !FileKind.IsSymlink(files[i]))) keep[id] = files[i];
        }
        var result = new List<string>();
        var duplicates = new List<(string, string)>();
        for (var i = 0; i < files.Count; i++)
        {
            if (identities[i] is not { } id || keep[id] == files[i]) result.Add(files[i]);
            else duplicates.Add((files[i], keep[id]));
        }
        return (result, duplicates);
    }
}
