using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>One cause of buffer exhaustion: what to probe, when it fires or advises, and the fix.</summary>
internal sealed record Playbook(
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

    /// <summary>
    /// Findings that can explain this playbook's symptom (<c>explained_by</c>): they are evaluated first, and
    /// <c>explained()</c> and the template's <c>explained_by</c> tell which fired, which were ruled out and which could not say.
    /// </summary>
    public IReadOnlyList<FindingReference> ExplainedBy { get; init; } = [];

    /// <summary>Where the title's value stands, for diagnostics about its wording; null when the playbook has none.</summary>
    public SourcePosition? TitlePosition { get; init; }

    /// <summary>The key measurements it declares (<c>metrics:</c>), for watch summaries and Prometheus.</summary>
    public IReadOnlyList<MetricSpec> Metrics { get; init; } = [];

    /// <summary>How long a <c>when</c> must hold before <c>watch</c> reports it fired (<c>for:</c>, default 0).</summary>
    public TimeSpan Hold { get; init; }

    /// <summary>How long it must stay quiet before <c>watch</c> reports it cleared (<c>clear_after:</c>; null: watch's default).</summary>
    public TimeSpan? ClearAfter { get; init; }

    /// <summary>For a playbook that extends another (<c>extends:</c>): its bases and where each part came from; null otherwise.</summary>
    public PlaybookOrigin? Origin { get; init; }

    /// <summary>The param named <paramref name="name"/>, or null.</summary>
    public ParamSpec? Param(string name) => Params.FirstOrDefault(p => p.Name == name);
}
