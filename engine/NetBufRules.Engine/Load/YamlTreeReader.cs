using NetBufRules.Diagnostics;
using NetBufRules.Model;
using NetBufRules.Primitives;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NetBufRules.Load;

/// <summary>Reads YAML text into <see cref="YamlNode"/>s with positions, reporting duplicate keys and syntax errors.</summary>
internal static class YamlTreeReader
{
    /// <summary>The first document of <paramref name="text"/>, or null when it is empty or broken (the problem is in <paramref name="diagnostics"/>).</summary>
    public static YamlNode? Read(string file, string text, DiagnosticBag diagnostics)
    {
        Parser? parser = null;
        try
        {
            parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
                return null;
            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            var root = ReadNode(parser, file, diagnostics, anchors, new Budget());
            // Everything after the first document was silently ignored: a second playbook (or test) pasted below '---'
            // would look loaded and never run.
            parser.TryConsume<DocumentEnd>(out _);
            if (parser.Accept<DocumentStart>(out var second))
                diagnostics.Error(new SourcePosition(file, (int)second.Start.Line, (int)second.Start.Column), Codes.YamlSyntax,
                    "a second YAML document starts here; only the first is read", "put one playbook (or one test file) per file, and remove the '---' between them");
            return root;
        }
        catch (LimitException e)
        {
            diagnostics.Error(e.At, e.Code, e.Message, e.Hint);
            return null;
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes its messages with the mark; keep only the words.
            var idx = message.IndexOf("): ", StringComparison.Ordinal);
            if (idx >= 0 && message.StartsWith('(')) message = message[(idx + 3)..];
            var (line, column) = ((int)e.Start.Line, (int)e.Start.Column);
            // For a tab used as indentation YamlDotNet gives the start of the mapping (often 1:1), not the tab: the
            // first line from there indented with a tab is the place, an invisible character the author must find.
            var tab = message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? TabIndent(text, line) : null;
            if (tab is { } tabLine) (line, column) = (tabLine, 1);
            diagnostics.Error(new SourcePosition(file, line, column), Codes.YamlSyntax,
                $"YAML syntax: {message}", tab is not null ? "indent this line with spaces: YAML does not allow a tab in indentation" : "check indentation, colons and quotes around this place");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner has states it cannot leave without these (found by the fuzzer): still a syntax error here.
            var at = parser?.Current?.Start;
            diagnostics.Error(new SourcePosition(file, (int)(at?.Line ?? 1), (int)(at?.Column ?? 1)), Codes.YamlSyntax,
                "YAML syntax: the YAML reader could not make sense of the text after this place", "check indentation, colons and quotes after this place");
            return null;
        }
    }

    /// <summary>The first line at or after <paramref name="from"/> whose indentation holds a tab (1-based), or null.</summary>
    private static int? TabIndent(string text, int from)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, from - 1); i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].AsSpan(0, indent).Contains('\t')) return i + 1;
        }
        return null;
    }

    /// <summary>
    /// How far the document has grown: its depth now, and how many nodes it stands for once every alias is followed.
    /// Aliases share the anchored node, but every walk over the tree (the schema check, the parser) expands them,
    /// so a 590-byte alias bomb would stand for billions of nodes.
    /// </summary>
    private sealed class Budget
    {
        public int Depth;
        public int Deepest;
        public long Expanded;
        public readonly Dictionary<YamlNode, (long Size, int Height)> Anchored = new(ReferenceEqualityComparer.Instance);
    }

    private sealed class LimitException(SourcePosition at, string code, string message, string hint) : Exception(message)
    {
        public SourcePosition At { get; } = at;
        public string Code { get; } = code;
        public string Hint { get; } = hint;
    }

    private static YamlNode ReadNode(IParser parser, string file, DiagnosticBag diagnostics, Dictionary<string, YamlNode> anchors, Budget budget)
    {
        var anchor = parser.Current is NodeEvent { Anchor.IsEmpty: false } anchored ? anchored.Anchor.Value : null;
        var before = budget.Expanded;
        var (outerDeepest, start) = (budget.Deepest, budget.Depth);
        budget.Deepest = start;
        var node = ReadPlainNode(parser, file, diagnostics, anchors, budget);
        if (anchor is not null)
        {
            anchors[anchor] = node;
            budget.Anchored[node] = (budget.Expanded - before, budget.Deepest - start);
        }
        budget.Deepest = Math.Max(outerDeepest, budget.Deepest);
        return node;
    }

    private static YamlNode ReadPlainNode(IParser parser, string file, DiagnosticBag diagnostics, Dictionary<string, YamlNode> anchors, Budget budget)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of document");
        var at = new SourcePosition(file, (int)current.Start.Line, (int)current.Start.Column);
        if (++budget.Expanded > Limits.YamlExpandedNodes)
            throw new LimitException(at, Codes.AliasExpansion, $"this document has more than {Limits.YamlExpandedNodes:N0} nodes",
                "a playbook or test file needs a few hundred; split it into several files");
        switch (current)
        {
            case AnchorAlias alias:
                {
                    parser.MoveNext();
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} names no anchor defined before it");
                    var (size, height) = budget.Anchored.GetValueOrDefault(target, (1, 0));
                    budget.Expanded += size - 1;
                    if (budget.Expanded > Limits.YamlExpandedNodes)
                        throw new LimitException(at, Codes.AliasExpansion,
                            $"aliases expand this document to more than {Limits.YamlExpandedNodes:N0} nodes (an alias bomb?)",
                            "write the values out, or use fewer nested aliases");
                    if (budget.Depth + height > Limits.YamlDepth)
                        throw new LimitException(at, Codes.YamlTooDeep, $"this alias nests the document more than {Limits.YamlDepth} levels deep",
                            "a playbook needs fewer than 10 levels; flatten this structure");
                    budget.Deepest = Math.Max(budget.Deepest, budget.Depth + height);
                    return target;
                }
            case Scalar scalar:
                parser.MoveNext();
                return ToScalar(scalar, file, diagnostics);
            case SequenceStart sequence:
                {
                    parser.MoveNext();
                    CheckCollectionTag(sequence.Tag, "seq", at, diagnostics);
                    Enter(budget, at);
                    var items = new List<YamlNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                        items.Add(ReadNode(parser, file, diagnostics, anchors, budget));
                    budget.Depth--;
                    return new YamlList(at, items);
                }
            case MappingStart mapping:
                {
                    parser.MoveNext();
                    CheckCollectionTag(mapping.Tag, "map", at, diagnostics);
                    Enter(budget, at);
                    var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                    var seen = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyNode = ReadNode(parser, file, diagnostics, anchors, budget);
                        var value = ReadNode(parser, file, diagnostics, anchors, budget);
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
                    budget.Depth--;
                    return new YamlMap(at, entries);
                }
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
    }

    private static void Enter(Budget budget, SourcePosition at)
    {
        budget.Deepest = Math.Max(budget.Deepest, ++budget.Depth);
        if (budget.Depth > Limits.YamlDepth)
            throw new LimitException(at, Codes.YamlTooDeep, $"YAML nested more than {Limits.YamlDepth} levels deep",
                "a playbook needs fewer than 10 levels; flatten this structure");
    }

    private const string CoreTag = "tag:yaml.org,2002:";

    /// <summary>
    /// A scalar with its style and YAML's core tags honoured: <c>!!str 10</c> is the text "10", <c>!!float</c> and
    /// <c>!!int</c> must spell a finite number, <c>!!bool</c> true or false, <c>!!null</c> nothing. Any other tag (a
    /// custom <c>!include</c>, <c>!!binary</c>, <c>!!timestamp</c>) means something this reader does not do: an error,
    /// not a value read as if the tag were absent.
    /// </summary>
    private static YamlScalar ToScalar(Scalar scalar, string file, DiagnosticBag diagnostics)
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
        var position = new SourcePosition(file, line, column);
        var isNull = style == YamlScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        var text = false;
        switch (tag)
        {
            case null:
                break;
            case "!" or CoreTag + "str":
                (text, isNull) = (true, false);
                break;
            case CoreTag + "int" or CoreTag + "float":
                if (!ScalarText.TryNumber(scalar.Value, out var number) || !double.IsFinite(number))
                    diagnostics.Error(position, Codes.InvalidValue, $"'{Quoted(scalar.Value)}' is tagged {Short(tag)} but is no finite number",
                        "write a decimal number such as 10 or 0.5 (NaN and infinities are not limits), or drop the tag");
                isNull = false;
                break;
            case CoreTag + "bool":
                if (!bool.TryParse(scalar.Value, out _))
                    diagnostics.Error(position, Codes.InvalidValue, $"'{Quoted(scalar.Value)}' is tagged !!bool but is neither true nor false", "write true or false");
                isNull = false;
                break;
            case CoreTag + "null":
                isNull = true;
                break;
            default:
                diagnostics.Error(position, Codes.InvalidValue, $"the YAML tag {Short(tag)} is not supported", "remove the tag: values are typed by how they are written (quote a text)");
                break;
        }
        return new YamlScalar(position, scalar.Value, style, isNull, text);
    }

    private static void CheckCollectionTag(TagName tag, string kind, SourcePosition at, DiagnosticBag diagnostics)
    {
        if (!tag.IsEmpty && tag.Value != "!" && tag.Value != CoreTag + kind)
            diagnostics.Error(at, Codes.InvalidValue, $"the YAML tag {Short(tag.Value)} is not supported", "remove the tag");
    }

    private static string Short(string tag) => Quoted(tag.StartsWith(CoreTag, StringComparison.Ordinal) ? "!!" + tag[CoreTag.Length..] : tag);

    /// <summary>At most 40 characters of a written value (a diagnostic escapes its whole line when written, once).</summary>
    private static string Quoted(string value) => value.Length > 40 ? value[..40] + "..." : value;
}
