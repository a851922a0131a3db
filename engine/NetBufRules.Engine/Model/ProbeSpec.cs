using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>A named observation of the host: the first alternative that works gives the value.</summary>
internal sealed record ProbeSpec(
    string Name,
    string? Description,
    bool Counter,
    TimeSpan Timeout,
    IReadOnlyList<ProbeAlternative> Alternatives,
    LocatedText? Where,
    IReadOnlyList<string> Key,
    string? Absent,
    SourcePosition Position)
{
    /// <summary>
    /// A table probe to run this one for, once per row (<c>each: clsact</c>): <c>{column}</c> in the command's argv or
    /// the file's path takes that row's cell, and the rows it reads gain those cells. Read once, never a counter.
    /// </summary>
    public string? Each { get; init; }

    /// <summary>
    /// The columns (or fields) of a counter probe that are levels, not counts (<c>gauges: [qlen]</c>: a queue's length,
    /// a table's size, a socket's buffer): read as the second sample gives them, with no change or rate, since a level
    /// that falls is no counter reset.
    /// </summary>
    public IReadOnlyList<string> Gauges { get; init; } = [];
}

/// <summary>One way to read a probe: a source and how to pull the value out of its output.</summary>
internal sealed record ProbeAlternative(SourceSpec Source, ExtractSpec Extract, SourcePosition Position)
{
    /// <summary>A regex that, when it matches stdout or stderr, marks this source as unusable here (e.g. "No journal files were found").</summary>
    public string? UnusableIf { get; init; }

    /// <summary>Where each argv element of a command source is written, for diagnostics that blame one argument.</summary>
    public IReadOnlyList<SourcePosition> ArgumentPositions { get; init; } = [];
}
