namespace NetBufRules.Evaluate;

/// <summary>Another finding's verdict as a later playbook sees it: its status and its reason in words.</summary>
public sealed record FindingVerdict(string Id, FindingStatus Status, string Reason);
