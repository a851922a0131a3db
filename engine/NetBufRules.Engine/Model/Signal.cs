using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>One condition (NCalc) with the sentence (Scriban) that explains it when true.</summary>
internal sealed record Signal(LocatedText Condition, LocatedText? Message, SourcePosition Position)
{
    /// <summary>
    /// The sentence (Scriban, key <c>ok</c>) an ok finding gives for this symptom when it was checked and did not hold;
    /// only <c>when</c> items carry one. Without it the ok reason is derived from <see cref="Message"/>, never the condition.
    /// </summary>
    public LocatedText? Ok { get; init; }
}
