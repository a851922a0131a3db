namespace NetBufRules.Evaluate.Evidence;

/// <summary>
/// One value that decided a finding, typed so every writer reads it the same way: a <see cref="Measurement"/>, a
/// <see cref="Threshold"/>, a <see cref="CounterEvidence"/>, a <see cref="TableEvidence"/> or a <see cref="VerdictEvidence"/>.
/// </summary>
internal abstract record EvidenceItem(string Name)
{
    /// <summary>The value alone as plain text (a counter's value, a table's row count), as <c>netbufrules test</c> compares it.</summary>
    public abstract string Plain { get; }

    /// <summary>Whether this is what was measured on the host rather than a threshold it was compared with.</summary>
    public virtual bool Measured => true;

    public sealed override string ToString() => Plain;
}
