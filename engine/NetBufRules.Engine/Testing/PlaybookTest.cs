using NetBufRules.Diagnostics;

namespace NetBufRules.Testing;

/// <summary>One test case of a playbook: recorded or inline probe outputs, param overrides, and what to expect.</summary>
internal sealed record PlaybookTest(
    string File,
    string PlaybookId,
    string Name,
    string? SnapshotFile,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ProbeOutputs,
    IReadOnlyDictionary<string, IReadOnlyList<string>> SourceOutputs,
    IReadOnlyDictionary<string, string> Set,
    TestExpectation Expect,
    SourcePosition Position)
{
    /// <summary>Other findings' verdicts this case states (<c>findings: {nic-drops: fired}</c>), read by fired() and explained().</summary>
    public IReadOnlyDictionary<string, string> Findings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Probes the case declares failing (<c>probes: {NAME: {fails: "text"}}</c>): their first source fails with that text.</summary>
    public IReadOnlyDictionary<string, string> ProbeFailures { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Sources (as explain names them, or a program's name) the case declares failing (<c>sources: {dmesg: {fails: "text"}}</c>).</summary>
    public IReadOnlyDictionary<string, string> SourceFailures { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Where each name the case gives stands (<c>probes</c>, <c>sources</c>, <c>set</c>), by section and name, for its own mistakes.</summary>
    public IReadOnlyDictionary<(string Section, string Name), SourcePosition> Places { get; init; } = new Dictionary<(string Section, string Name), SourcePosition>();
}

/// <summary>What a case expects; null means "not checked".</summary>
internal sealed record TestExpectation(
    string? Status,
    IReadOnlyList<string> ReasonContains,
    IReadOnlyList<string> ReasonNotContains,
    IReadOnlyDictionary<string, string> Evidence,
    IReadOnlyList<string> FixContains,
    int? Fixes)
{
    /// <summary>Texts no rendered fix may contain.</summary>
    public IReadOnlyList<string> FixNotContains { get; init; } = [];
}
