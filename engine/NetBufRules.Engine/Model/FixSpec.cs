using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>A config drop-in rendered from a Scriban template, and the command that applies it.</summary>
public sealed record FixSpec(string Path, LocatedText Template, IReadOnlyList<string> Then, LocatedText? Condition, SourcePosition Position);
