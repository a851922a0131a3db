using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>A named observation of the host: the first alternative that works gives the value.</summary>
public sealed record ProbeSpec(
    string Name,
    string? Description,
    bool Counter,
    TimeSpan Timeout,
    IReadOnlyList<ProbeAlternative> Alternatives,
    LocatedText? Where,
    IReadOnlyList<string> Key,
    string? Absent,
    SourcePosition Position);

/// <summary>One way to read a probe: a source and how to pull the value out of its output.</summary>
public sealed record ProbeAlternative(SourceSpec Source, ExtractSpec Extract, SourcePosition Position);
