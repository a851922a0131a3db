using System.Globalization;
using NetBufRules.Diagnostics;
using NetBufRules.Model;
using NetBufRules.Primitives;

namespace NetBufRules.Load;

/// <summary>Typed access to YAML nodes of one file; every mismatch becomes a diagnostic, never an exception.</summary>
internal sealed class NodeReader(string[] fileLines, DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>Lines of every file a merged (extended) document's nodes come from; a node of another file reads its own file's lines.</summary>
    public IReadOnlyDictionary<string, string[]>? FileLines { get; init; }

    /// <summary>
    /// The comment that documents the entry whose key is at <paramref name="key"/>: its own trailing comment, else the
    /// comment lines heading its group (entries at the same indent with no blank line between), as params name their source.
    /// </summary>
    public string? CommentFor(SourcePosition key)
    {
        if (key.Line < 1 || key.Line > fileLines.Length) return null;
        var own = fileLines[key.Line - 1];
        var hash = own.IndexOf(" #", key.Column - 1 < own.Length ? key.Column - 1 : 0, StringComparison.Ordinal);
        if (hash > 0 && own.IndexOf('\'', key.Column - 1) is var q && (q < 0 || q > hash) && own.IndexOf('"', key.Column - 1) is var dq && (dq < 0 || dq > hash))
            return own[(hash + 2)..].Trim();
        var indent = new string(' ', key.Column - 1);
        var heading = new List<string>();
        for (var i = key.Line - 2; i >= 0; i--)
        {
            var line = fileLines[i].TrimEnd('\r');
            if (!line.StartsWith(indent, StringComparison.Ordinal) || line.Length == indent.Length || line[indent.Length] == ' ') break;
            var rest = line[indent.Length..];
            if (rest.StartsWith('#')) heading.Insert(0, rest.TrimStart('#').Trim());
            else if (heading.Count > 0) break;
        }
        return heading.Count == 0 ? null : string.Join(" ", heading);
    }

    /// <summary>Reports keys of <paramref name="map"/> that are not in <paramref name="allowed"/>.</summary>
    public void CheckKeys(YamlMap map, string where, IReadOnlyCollection<string> allowed)
    {
        foreach (var (key, _) in map.Entries)
        {
            if (!allowed.Contains(key.Value))
                Diagnostics.Error(key.Position, Codes.UnknownKey, $"unknown key '{key.Value}' in {where}", Suggest.Hint(key.Value, allowed));
        }
    }

    public YamlMap? Map(YamlNode? node, string what)
    {
        if (node is null) return null;
        if (node is YamlMap map) return map;
        if (node is YamlScalar { IsNull: true }) return new YamlMap(node.Position, []);
        Diagnostics.Error(node.Position, Codes.WrongType, $"{what} must be a map, got {node.Kind}", "write it as 'key: value' lines indented below");
        return null;
    }

    public YamlList? List(YamlNode? node, string what)
    {
        if (node is null) return null;
        if (node is YamlList list) return list;
        if (node is YamlScalar { IsNull: true }) return new YamlList(node.Position, []);
        Diagnostics.Error(node.Position, Codes.WrongType, $"{what} must be a list, got {node.Kind}", "write it as '[a, b]' or as '- item' lines");
        return null;
    }

    public YamlScalar? Scalar(YamlNode? node, string what)
    {
        if (node is null) return null;
        if (node is YamlScalar scalar) return scalar;
        Diagnostics.Error(node.Position, Codes.WrongType, $"{what} must be a single value, got {node.Kind}", "write it on one line after the colon");
        return null;
    }

    public string? String(YamlNode? node, string what) => Scalar(node, what)?.Value;

    public string RequiredString(YamlMap map, string key, string where)
    {
        var node = map[key];
        if (node is null || node is YamlScalar { IsNull: true })
        {
            Diagnostics.Error(map.Position, Codes.MissingKey, $"{where} has no '{key}'", $"add '{key}: ...'");
            return "";
        }
        return String(node, $"'{key}'") ?? "";
    }

    public bool Bool(YamlNode? node, string what, bool fallback)
    {
        var scalar = Scalar(node, what);
        if (scalar is null) return fallback;
        if (bool.TryParse(scalar.Value, out var value)) return value;
        Diagnostics.Error(scalar.Position, Codes.WrongType, $"{what} must be true or false, got '{scalar.Value}'");
        return fallback;
    }

    public int Int(YamlNode? node, string what, int fallback)
    {
        var scalar = Scalar(node, what);
        if (scalar is null) return fallback;
        if (int.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0) return value;
        Diagnostics.Error(scalar.Position, Codes.WrongType, $"{what} must be a whole number, got '{scalar.Value}'");
        return fallback;
    }

    public IReadOnlyList<string> Strings(YamlNode? node, string what)
    {
        var list = List(node, what);
        if (list is null) return [];
        var result = new List<string>();
        foreach (var item in list.Items)
        {
            if (Scalar(item, $"each item of {what}") is { } s) result.Add(s.Value);
        }
        return result;
    }

    /// <summary>A scalar kept with its position, for expressions and templates.</summary>
    public LocatedText? Text(YamlNode? node, string what)
    {
        var scalar = Scalar(node, what);
        if (scalar is null) return null;
        var indent = 0;
        var lines = FileLines?.GetValueOrDefault(scalar.Position.File) ?? fileLines;
        if (scalar.Style is YamlScalarStyle.Literal or YamlScalarStyle.Folded)
        {
            // Block content starts on the line after the indicator; find its indentation.
            for (var i = scalar.Position.Line; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.Trim().Length == 0) continue;
                indent = line.Length - line.TrimStart(' ').Length;
                break;
            }
        }
        return new LocatedText(scalar.Value, scalar.Position, scalar.Style, indent) { Origins = ScalarOrigins.Of(scalar.Value, lines, scalar.Position, scalar.Style) };
    }

    /// <summary>Whether <paramref name="scalar"/> reads as a number that is not finite (NaN, Infinity, 1e999): never a threshold.</summary>
    public static bool IsNonFiniteNumber(YamlScalar scalar) => ParamValue(scalar) is double d && !double.IsFinite(d);

    /// <summary>A typed param value: number, bool or string.</summary>
    public static object ParamValue(YamlScalar scalar) => ScalarText.Type(scalar.Value, quoted: scalar.IsText);
}
