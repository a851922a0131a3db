using NetBufRules.Diagnostics;
using NetBufRules.Load;

namespace NetBufRules.Packs;

/// <summary>Reads a <c>pack.yaml</c>, every mistake with its place, as playbooks are read.</summary>
internal static class PackManifestReader
{
    private const string Where = "the pack manifest";

    /// <summary>The manifest in <paramref name="file"/>, or null (with diagnostics) when it cannot be used.</summary>
    public static PackManifest? Read(string file, DiagnosticBag diagnostics)
    {
        string text;
        try
        {
            // Never through a link: a pack.yaml linked to /etc/shadow would print its lines as "unknown key" errors.
            text = Primitives.BoundedFile.ReadText(file, Primitives.Limits.YamlFileBytes, followLinks: false);
        }
        catch (Primitives.BoundedFileException e)
        {
            diagnostics.Error(new SourcePosition(file, 1, 1), InputFileCode.Of(e), e.Message, "a pack manifest is a small YAML text file in the pack's folder, not a link");
            return null;
        }
        return Parse(file, text, diagnostics);
    }

    /// <summary>Parses manifest text already read.</summary>
    public static PackManifest? Parse(string file, string text, DiagnosticBag diagnostics)
    {
        var one = new DiagnosticBag();
        var root = YamlTreeReader.Read(file, text, one);
        var reader = new NodeReader(text.Split('\n'), one);
        var map = root is null ? null : reader.Map(root, Where);
        if (map is null)
        {
            diagnostics.AddRange(one.Items);
            if (!one.HasErrors) diagnostics.Error(new SourcePosition(file, 1, 1), Codes.BadPackManifest, "the pack manifest is empty", "give the pack at least a 'name: my-pack'");
            return null;
        }
        reader.CheckKeys(map, Where, PackManifest.Keys);
        var name = reader.RequiredString(map, "name", Where);
        if (map["name"] is YamlScalar nameNode && name.Length > 0 && (name.Any(char.IsWhiteSpace) || name.Any(char.IsControl) || name == "builtin"))
            one.Error(nameNode.Position, Codes.BadPackManifest, $"pack name '{name}' {(name == "builtin" ? "is the built-in pack's" : "has spaces or control characters")}", "name the pack in one word, e.g. team-net");
        var version = reader.String(map["version"], "'version'");
        if (version is not null && SemanticVersion.Parse(version) is null)
            one.Error(map["version"]!.Position, Codes.BadPackManifest, $"version '{version}' is not a semantic version", "write MAJOR.MINOR.PATCH, e.g. 1.2.0");
        EngineRequirement? engine = null;
        if (reader.String(map["engine"], "'engine'") is { } requirement)
        {
            engine = EngineRequirement.Parse(requirement, out var error);
            if (engine is null)
                one.Error(map["engine"]!.Position, Codes.BadPackManifest, $"engine requirement '{requirement}': {error}", "write comparisons with versions, e.g. \">=0.2.0\" or \">=0.2.0, <1.0.0\"");
        }
        var tests = Folder(map, "tests", reader, one);
        var snapshots = Folder(map, "snapshots", reader, one);
        var description = reader.String(map["description"], "'description'");
        diagnostics.AddRange(one.Items);
        return one.HasErrors ? null : new PackManifest(name, version, description, engine, tests, snapshots, map.Position);
    }

    /// <summary>A folder relative to the pack that stays inside it, so the pack can be copied anywhere with its tests.</summary>
    private static string? Folder(YamlMap map, string key, NodeReader reader, DiagnosticBag diagnostics)
    {
        if (reader.String(map[key], $"'{key}'") is not { } folder) return null;
        var parts = folder.Replace('\\', '/').Split('/');
        if (folder.Length == 0 || Path.IsPathRooted(folder) || parts.Contains(".."))
        {
            diagnostics.Error(map[key]!.Position, Codes.BadPackManifest, $"'{key}' folder '{folder}' is not inside the pack", $"give a folder relative to the pack's folder, without '..', e.g. {key}/");
            return null;
        }
        return folder;
    }
}
