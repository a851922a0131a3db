using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>An expression or template with where it stands, so an error inside it maps to a file column.</summary>
internal sealed record LocatedText(string Text, SourcePosition Start, YamlScalarStyle Style, int BlockIndent)
{
    /// <summary>
    /// The file line and column of each character of <see cref="Text"/> when its lines are not the file's (a folded
    /// block, a scalar continued over lines); null otherwise.
    /// </summary>
    public IReadOnlyList<(int Line, int Column)>? Origins { get; init; }

    /// <summary>Maps a 1-based line and column inside <see cref="Text"/> to the file.</summary>
    public SourcePosition At(int line, int column)
    {
        if (Origins is { Count: > 0 } origins) return Origin(origins, OffsetOf(line, column));
        if (Style is YamlScalarStyle.Literal or YamlScalarStyle.Folded)
            return Start with { Line = Start.Line + line, Column = BlockIndent + column };
        return line <= 1 ? Start with { Column = Start.Column + column - 1 } : Start with { Line = Start.Line + line - 1, Column = column };
    }

    /// <summary>Maps a 0-based character offset inside <see cref="Text"/> to the file.</summary>
    public SourcePosition AtOffset(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        if (Origins is { Count: > 0 } origins) return Origin(origins, offset);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (Text[i] != '\n') continue;
            line++;
            lineStart = i + 1;
        }
        return At(line, offset - lineStart + 1);
    }

    /// <summary>The 0-based offset of a 1-based line and column inside <see cref="Text"/>.</summary>
    private int OffsetOf(int line, int column)
    {
        var offset = 0;
        for (var l = 1; l < line && offset < Text.Length; l++)
        {
            var next = Text.IndexOf('\n', offset);
            if (next < 0) return Text.Length;
            offset = next + 1;
        }
        return Math.Clamp(offset + column - 1, 0, Text.Length);
    }

    /// <summary>Where the character at <paramref name="offset"/> stands; the end of the text is just past its last character.</summary>
    private SourcePosition Origin(IReadOnlyList<(int Line, int Column)> origins, int offset)
    {
        var (line, column) = offset < origins.Count ? origins[offset] : (origins[^1].Line, origins[^1].Column + 1);
        return Start with { Line = line, Column = column };
    }

    public override string ToString() => Text;
}
