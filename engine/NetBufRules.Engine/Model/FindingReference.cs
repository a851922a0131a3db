using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>Another playbook's id named by this one (in <c>explained_by</c> or a <c>fired('id')</c> call), with where it is named.</summary>
internal sealed record FindingReference(string Id, SourcePosition Position);
