using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>
/// A config drop-in rendered from a Scriban template, and the command that applies it. With <see cref="Each"/> (a table
/// probe) the path and the content render once per row, the row being <c>row</c>.
/// </summary>
internal sealed record FixSpec(LocatedText Path, LocatedText Template, IReadOnlyList<string> Then, LocatedText? Condition, string? Each, SourcePosition Position)
{
    /// <summary>Where <c>then</c> stands, for its diagnostics; null when the fix has none.</summary>
    public SourcePosition? ThenPosition { get; init; }
}
