using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>One cause of buffer exhaustion: what to probe, when it fires or advises, and the fix.</summary>
public sealed record Playbook(
    string Id,
    string Title,
    Severity Severity,
    IReadOnlyList<string> Tags,
    string Summary,
    IReadOnlyList<ParamSpec> Params,
    IReadOnlyList<ProbeSpec> Probes,
    IReadOnlyList<string> Requires,
    IReadOnlyList<Signal> When,
    IReadOnlyList<Signal> AdviseWhen,
    IReadOnlyList<FixSpec> Fixes,
    string Why,
    IReadOnlyList<string> SeeAlso,
    SourcePosition Position)
{
    /// <summary>The file the playbook was loaded from (or its embedded name).</summary>
    public string File => Position.File;

    /// <summary>The param named <paramref name="name"/>, or null.</summary>
    public ParamSpec? Param(string name) => Params.FirstOrDefault(p => p.Name == name);
}
