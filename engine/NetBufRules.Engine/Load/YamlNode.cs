using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Load;

/// <summary>A YAML node that remembers where it stands in its file.</summary>
internal abstract record YamlNode(SourcePosition Position)
{
    /// <summary>A word for the node's kind, used in "expected a map, got a list".</summary>
    public abstract string Kind { get; }
}

/// <summary>
/// A scalar with its text, its style and the position of its first character of content; <paramref name="TaggedText"/>
/// when a <c>!!str</c> tag makes plain words text.
/// </summary>
internal sealed record YamlScalar(SourcePosition Position, string Value, YamlScalarStyle Style, bool IsNull, bool TaggedText = false) : YamlNode(Position)
{
    public override string Kind => IsNull ? "nothing" : "a scalar";

    /// <summary>Text whatever it spells ("10" quoted, a block, or tagged !!str), not typed as a number or bool.</summary>
    public bool IsText => Style != YamlScalarStyle.Plain || TaggedText;
}

/// <summary>A mapping whose keys are unique and kept in order.</summary>
internal sealed record YamlMap(SourcePosition Position, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries) : YamlNode(Position)
{
    public override string Kind => "a map";

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public YamlNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}

/// <summary>A sequence.</summary>
internal sealed record YamlList(SourcePosition Position, IReadOnlyList<YamlNode> Items) : YamlNode(Position)
{
    public override string Kind => "a list";
}
