using NetBufRules.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NetBufRules.Load;

/// <summary>Reads YAML text into <see cref="YamlNode"/>s with positions, reporting duplicate keys and syntax errors.</summary>
public static class YamlTreeReader
{
    /// <summary>The first document of <paramref name="text"/>, or null when it is empty or broken (the problem is in <paramref name="diagnostics"/>).</summary>
    public static YamlNode? Read(string file, string text, DiagnosticBag diagnostics)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
                return null;
            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            var root = ReadNode(parser, file, diagnostics, anchors);
            return root;
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes its messages with the mark; keep only the words.
            var idx = message.IndexOf("): ", StringComparison.Ordinal);
            if (idx >= 0 && message.StartsWith('(')) message = message[(idx + 3)..];
            diagnostics.Error(new SourcePosition(file, (int)e.Start.Line, (int)e.Start.Column), Codes.YamlSyntax,
                $"YAML syntax: {message}", "check indentation, colons and quotes around this place");
            return null;
        }
    }

    private static YamlNode ReadNode(IParser parser, string file, DiagnosticBag diagnostics, Dictionary<string, YamlNode> anchors)
    {
        var anchor = parser.Current is NodeEvent { Anchor.IsEmpty: false } anchored ? anchored.Anchor.Value : null;
        var node = ReadPlainNode(parser, file, diagnostics, anchors);
        if (anchor is not null) anchors[anchor] = node;
        return node;
    }

    private static YamlNode ReadPlainNode(IParser parser, string file, DiagnosticBag diagnostics, Dictionary<string, YamlNode> anchors)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of document");
        var at = new SourcePosition(file, (int)current.Start.Line, (int)current.Start.Column);
        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} names no anchor defined before it");
            case Scalar scalar:
                parser.MoveNext();
                return ToScalar(scalar, file);
            case SequenceStart:
                {
                    parser.MoveNext();
                    var items = new List<YamlNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                        items.Add(ReadNode(parser, file, diagnostics, anchors));
                    return new YamlList(at, items);
                }
            case MappingStart:
                {
                    parser.MoveNext();
                    var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                    var seen = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyNode = ReadNode(parser, file, diagnostics, anchors);
                        var value = ReadNode(parser, file, diagnostics, anchors);
                        if (keyNode is not YamlScalar key)
                        {
                            diagnostics.Error(keyNode.Position, Codes.WrongType, "a key must be a plain word", "write the key as text");
                            continue;
                        }
                        if (seen.TryGetValue(key.Value, out var first))
                        {
                            diagnostics.Error(key.Position, Codes.DuplicateKey,
                                $"duplicate key '{key.Value}' (first at line {first.Position.Line})", "remove or rename one of them");
                            continue;
                        }
                        seen[key.Value] = key;
                        entries.Add(new(key, value));
                    }
                    return new YamlMap(at, entries);
                }
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
    }

    private static YamlScalar ToScalar(Scalar scalar, string file)
    {
        var style = scalar.Style switch
        {
            ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => YamlScalarStyle.Quoted,
            ScalarStyle.Literal => YamlScalarStyle.Literal,
            ScalarStyle.Folded => YamlScalarStyle.Folded,
            _ => YamlScalarStyle.Plain,
        };
        var line = (int)scalar.Start.Line;
        var column = (int)scalar.Start.Column;
        if (style == YamlScalarStyle.Quoted) column++;
        var isNull = style == YamlScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
        return new YamlScalar(new SourcePosition(file, line, column), scalar.Value, style, isNull);
    }
}
