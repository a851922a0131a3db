using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>An expression or template with where it stands, so an error inside it maps to a file column.</summary>
internal sealed record LocatedText(string Text, SourcePosition Start, YamlScalarStyle Style, int BlockIndent)
{
    /// <summary>Maps a 1-based line and column inside <see cref="Text"/> to the file.</summary>
    public SourcePosition At(int line, int column)
    {
        if (Style is YamlScalarStyle.Literal or YamlScalarStyle.Folded)
            return Start with { Line = Start.Line + line, Column = BlockIndent + column };
        return line <= 1 ? Start with { Column = Start.Column + column - 1 } : Start with { Line = Start.Line + line - 1, Column = column };
    }

    /// <summary>Maps a 0-based character offset inside <see cref="Text"/> to the file.</summary>
    public SourcePosition AtOffset(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
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

    public override string ToString() => Text;
}
