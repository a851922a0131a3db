namespace NetBufRules.Diagnostics;

/// <summary>A place in a playbook file: 1-based line and column.</summary>
internal readonly record struct SourcePosition(string File, int Line, int Column)
{
    /// <summary>The position moved right by <paramref name="columns"/> (and down by <paramref name="lines"/>).</summary>
    public SourcePosition Offset(int lines, int columns) =>
        lines == 0 ? this with { Column = Column + columns } : this with { Line = Line + lines, Column = columns + 1 };

    public override string ToString() => $"{File}:{Line}:{Column}";
}
