using NetBufRules.Diagnostics;

namespace NetBufRules.Lint;

/// <summary>One name or call in a condition, at its place in the playbook; <see cref="Arguments"/> counts a call's arguments.</summary>
internal sealed record ConditionUse(string Name, SourcePosition At, int Arguments);
