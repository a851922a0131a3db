using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>One condition (NCalc) with the sentence (Scriban) that explains it when true.</summary>
public sealed record Signal(LocatedText Condition, LocatedText? Message, SourcePosition Position);
