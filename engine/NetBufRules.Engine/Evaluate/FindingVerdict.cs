namespace NetBufRules.Evaluate;

/// <summary>
/// Another finding's verdict as a later playbook sees it: its status, its reason in words, and (for a finding that
/// did not fire) the symptoms it could not check, so "ruled out" never claims more than was checked.
/// </summary>
internal sealed record FindingVerdict(string Id, FindingStatus Status, string Reason, string? NotChecked = null)
{
    /// <summary>The verdict of an evaluated finding, with the reasons of its symptoms that could not be checked.</summary>
    public static FindingVerdict Of(Finding finding, FindingStatus status, string reason)
    {
        var unknown = finding.Symptoms.Where(s => s.State == SignalState.Unknown).Select(s => s.UnknownReason).OfType<string>().Distinct().ToList();
        return new FindingVerdict(finding.Playbook.Id, status, reason, unknown.Count > 0 ? string.Join("; ", unknown) : null);
    }
}
