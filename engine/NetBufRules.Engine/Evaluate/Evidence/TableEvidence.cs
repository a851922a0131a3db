namespace NetBufRules.Evaluate.Evidence;

/// <summary>
/// A table probe as evidence: how many rows it had and its first rows, the culprits (processes with pid and unit,
/// sockets, interfaces). <see cref="Columns"/> are the ones worth showing: a counter table's <c>_delta</c> cells are left
/// out (the rate says it) and identifiers never get a rate (no <c>pid_rate</c>).
/// </summary>
internal sealed record TableEvidence(string Name, int Count, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyDictionary<string, object>> Rows) : EvidenceItem(Name)
{
    public override string Plain => Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
