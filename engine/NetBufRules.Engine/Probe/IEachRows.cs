using NetBufRules.Model;

namespace NetBufRules.Probe;

/// <summary>
/// The rows of a table probe that an <c>each:</c> probe reads for: those its <c>where</c> keeps. The filter is the
/// evaluator's (a later stage), handed down so that an each probe reads for the rows its playbook will judge, not for
/// the first <see cref="EachProbe.MaxRows"/> rows of the whole table.
/// </summary>
internal interface IEachRows
{
    /// <summary>
    /// The rows of <paramref name="table"/> that its <c>where</c> keeps, given the playbook's other probes as measured;
    /// null when the filter cannot be decided before evaluation (then every row is read, as with no <c>where</c>).
    /// </summary>
    TableValue? Kept(Playbook playbook, ProbeSpec table, IReadOnlyDictionary<string, ProbeResult> measured);
}
