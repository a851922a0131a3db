using NetBufRules.Diagnostics;
using NetBufRules.Load;

namespace NetBufRules.Testing;

/// <summary>
/// A test case's <c>probes:</c> and <c>sources:</c> values: output (one sample or two), <c>[]</c> or <c>{absent: true}</c>
/// for a source that does not exist here, <c>{fails: "text"}</c> for one that fails with that text; and its snapshot.
/// </summary>
internal static class CaseSources
{
    private static readonly string[] DeclarationKeys = ["absent", "fails"];

    /// <summary>Outputs per name; an absent source is an empty list (as <c>[]</c> always was); a failing one is left to <see cref="Failures"/>.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Outputs(NodeReader r, YamlNode? node, string what)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in r.Map(node, what)?.Entries ?? [])
        {
            if (value is YamlMap declaration)
            {
                r.CheckKeys(declaration, $"'{key.Value}' of {what}", DeclarationKeys);
                if (declaration.Entries.Count != 1)
                    r.Diagnostics.Error(declaration.Position, Codes.InvalidValue, $"'{key.Value}' of {what} must say one thing", "write {absent: true} (not here at all) or {fails: \"the error it prints\"}");
                else if (declaration["absent"] is { } absent && r.Bool(absent, "'absent'", true))
                    result[key.Value] = [];
                else if (declaration["absent"] is { } notAbsent)
                    r.Diagnostics.Error(notAbsent.Position, Codes.InvalidValue, $"'absent: false' says nothing about '{key.Value}'", "give its output instead, or leave it out");
                continue;
            }
            result[key.Value] = value is YamlList ? r.Strings(value, $"output of '{key.Value}'") : [r.String(value, $"output of '{key.Value}'") ?? ""];
        }
        return result;
    }

    /// <summary>The names declared <c>{fails: "text"}</c>, with their text.</summary>
    public static Dictionary<string, string> Failures(NodeReader r, YamlNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in (node as YamlMap)?.Entries ?? [])
        {
            if (value is YamlMap declaration && declaration["fails"] is { } fails && r.String(fails, "'fails'") is { } text)
                result[key.Value] = text.Length == 0 ? "failed" : text;
        }
        return result;
    }

    /// <summary>
    /// A case's snapshot path, resolved so a pack's tests run wherever the pack is copied (<see cref="PackFolder.ResolveSnapshot"/>);
    /// a missing one is an error naming the places tried, one outside its pack a warning (a copy of the pack would lose it).
    /// </summary>
    public static string Snapshot(string testFile, string snapshot, SourcePosition at, DiagnosticBag diagnostics)
    {
        var (path, tried, pack) = PackFolder.ResolveSnapshot(testFile, snapshot);
        if (path is null)
        {
            diagnostics.Error(at, Codes.PathNotFound, $"snapshot '{snapshot}' does not exist", $"looked in: {string.Join(", ", tried)}; the path is relative to the test file{(pack is null ? "" : " or to the pack's snapshots folder")}");
            return tried[0];
        }
        // Checked here, at the test's place, and never opened when refused: 'snapshot: ../../proc/kmsg' would block and consume the kernel log.
        if (Primitives.InputFile.Check(path) is { } refused)
        {
            diagnostics.Error(at, InputFileCode.Of(refused), $"snapshot {refused.Message}", "a snapshot is a JSON file written by 'netbufrules collect', inside the pack");
            return path;
        }
        if (pack is not null && !pack.Holds(path))
            diagnostics.Warning(at, Codes.SnapshotOutsidePack, $"snapshot '{snapshot}' lies outside the pack ({pack.Root}), so a copy of the pack will not find it",
                $"copy it into {Path.GetRelativePath(pack.Root, pack.Snapshots)}/ and name it relative to that folder");
        return path;
    }
}
