using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Load;

/// <summary>
/// Where in the file each character of a scalar's value stands, for the styles whose value is not the file's lines:
/// a folded block (<c>&gt;-</c>), where YAML turns each line break into a space and drops the indentation, and a plain
/// or quoted scalar continued over lines. Without it an error on a block's third line is placed on its first line, at
/// a column past that line's end (the pack writes nearly every message as <c>&gt;-</c>).
/// </summary>
internal static class ScalarOrigins
{
    /// <summary>
    /// The line and column of each character of <paramref name="value"/>, walked from <paramref name="start"/> in
    /// <paramref name="lines"/>; null when the lines of the value are the file's lines (a literal block, one line) or
    /// the value cannot be followed through the source (an escape such as <c>\x41</c>): then the caller's mapping stands.
    /// </summary>
    public static IReadOnlyList<(int Line, int Column)>? Of(string value, IReadOnlyList<string> lines, SourcePosition start, YamlScalarStyle style)
    {
        if (style == YamlScalarStyle.Literal || value.Length == 0 || start.Line < 1 || start.Line > lines.Count) return null;
        // A block's content starts on the line after its indicator; a plain or quoted scalar at its own position.
        var (line, column) = style == YamlScalarStyle.Folded ? (start.Line + 1, 1) : (start.Line, Math.Max(1, start.Column));
        if (style != YamlScalarStyle.Folded && !value.Contains('\n') && !SpansLines(value, lines, line, column)) return null;
        // A quoted scalar's position is already past its opening quote (YamlTreeReader).
        var quoted = style == YamlScalarStyle.Quoted;
        var origins = new (int Line, int Column)[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            while (true)
            {
                if (line > lines.Count) return null;
                var text = lines[line - 1];
                // Past a line's end stands its line break, which folding may have made the value's space or newline.
                var s = column <= text.Length ? text[column - 1] : '\n';
                if (s == c || (char.IsWhiteSpace(c) && char.IsWhiteSpace(s)))
                {
                    origins[i] = (line, column);
                    (line, column) = s == '\n' ? (line + 1, 1) : (line, column + 1);
                    break;
                }
                // Indentation, a folded line break, a quote or an escape's backslash stand for no character of the value.
                if (!char.IsWhiteSpace(s) && !(quoted && s is '\\' or '\'' or '"')) return null;
                (line, column) = s == '\n' ? (line + 1, 1) : (line, column + 1);
            }
        }
        return origins;
    }

    /// <summary>Whether a one-line value continues past its first line in the file (a plain scalar folded over lines).</summary>
    private static bool SpansLines(string value, IReadOnlyList<string> lines, int line, int column) =>
        lines[line - 1].Length - (column - 1) < value.Length;
}
