using NetBufRules.Diagnostics;

namespace NetBufRules.Packs;

/// <summary>
/// A pack's <c>pack.yaml</c>: its name, version, description, the engine versions it needs, and where its tests and
/// snapshots live (folders relative to the pack). See <c>schemas/pack.schema.json</c>.
/// </summary>
internal sealed record PackManifest(
    string Name,
    string? Version,
    string? Description,
    EngineRequirement? Engine,
    string? Tests,
    string? Snapshots,
    SourcePosition Position)
{
    /// <summary>The manifest's file name inside a pack folder.</summary>
    public const string FileName = "pack.yaml";

    /// <summary>The keys a manifest may have, as the schema lists them.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["name", "version", "description", "engine", "tests", "snapshots"];
}
