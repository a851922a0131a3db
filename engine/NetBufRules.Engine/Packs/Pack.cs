namespace NetBufRules.Packs;

/// <summary>
/// A pack: a folder of playbooks with an optional manifest (<c>pack.yaml</c>), or the built-in pack embedded in the
/// tool (<see cref="IsBuiltIn"/>, addressed as <c>builtin</c> on the command line).
/// </summary>
internal sealed record Pack(string Name, string? Version, string? Description, string Root, PackManifest? Manifest, bool IsBuiltIn)
{
    /// <summary>The word that names the built-in pack beside paths on the command line.</summary>
    public const string BuiltInName = "builtin";

    /// <summary>Where the pack's test files are: its <c>tests</c> folder, else beside the playbooks.</summary>
    public string TestsFolder => Manifest?.Tests is { } tests ? Path.Combine(Root, tests) : Root;

    /// <summary>Its <c>snapshots</c> folder, or null when the manifest names none.</summary>
    public string? SnapshotsFolder => Manifest?.Snapshots is { } snapshots ? Path.Combine(Root, snapshots) : null;

    /// <summary>The built-in pack of an engine of version <paramref name="engineVersion"/>.</summary>
    public static Pack BuiltIn(string engineVersion) =>
        new(BuiltInName, engineVersion, "The playbooks embedded in netbufrules", BuiltInName, null, IsBuiltIn: true);
}
