using NetBufRules.Model;

namespace NetBufRules.Load.Extends;

/// <summary>
/// A playbook as a YAML tree, before parsing. A merged (extended) document holds nodes of several files, each node
/// keeping its own file, line and column; <see cref="Lines"/> has every such file's lines (block scalars need them).
/// </summary>
internal sealed record PlaybookDocument(string File, YamlNode Root, IReadOnlyDictionary<string, string[]> Lines)
{
    /// <summary>Set on a document that extends another: its bases and where each part came from.</summary>
    public PlaybookOrigin? Origin { get; init; }

    /// <summary>A document read from one file's text.</summary>
    public static PlaybookDocument Of(string file, YamlNode root, string text) =>
        new(file, root, new Dictionary<string, string[]>(StringComparer.Ordinal) { [file] = text.Split('\n') });
}
