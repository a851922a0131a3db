using NetBufRules.Compile;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Render.Content;
using Scriban;

namespace NetBufRules.Render;

/// <summary>Renders the reason sentences and, for findings that fire or advise, their fixes.</summary>
internal sealed partial class FixRenderer(Policy.SafetyPolicy? policy = null)
{
    private readonly Policy.SafetyPolicy _policy = policy ?? Policy.SafetyPolicy.Default;

    /// <summary>The fix folders the repository config adds to the built-in ones: fixes there are checked as lint checks them.</summary>
    private readonly IReadOnlyList<string> _repositoryDirectories =
        [.. (policy ?? Policy.SafetyPolicy.Default).AllowedFixDirectories.Except(Policy.SafetyPolicy.Default.AllowedFixDirectories)];

    /// <summary>Renders one finding; a template that fails turns the finding into an error with the template's place.</summary>
    public RenderedFinding Render(Finding finding)
    {
        var notes = finding.SkippedProbes.Select(p => $"probe {p.Name} skipped: {p.SkipReason}").ToList();
        notes.AddRange(finding.Probes.Values.Where(p => p.Note is not null).Select(p => $"probe {p.Name}: {p.Note}"));
        notes.AddRange(finding.Probes.Values.Where(p => p.Truncated).Select(p => $"probe {p.Name}: output capped at {LiveSourceReader.DefaultOutputCap / 1024} KiB"));
        if (finding.Status == FindingStatus.Error)
            return new RenderedFinding(finding, FindingStatus.Error, finding.Error ?? "error", notes, []);
        // Built on first use: a finding whose sentences are all plain text (an 'ok' in a fleet) needs no model.
        Scriban.Runtime.ScriptObject? built = null;
        Scriban.Runtime.ScriptObject Model() => built ??= TemplateSandbox.Model(finding, TemplateNames.OfPlaybook(finding.Playbook));
        try
        {
            var healthy = Healthy(finding, Model);
            var reason = Reason(finding, Model, healthy);
            // What the host measured is read only when there is a fix to hold to it (most findings have none).
            var fixes = finding.Fixes.Count == 0 ? [] : RenderFixes(finding, Model(), notes);
            return new RenderedFinding(finding, finding.Status, reason, notes, fixes) { OkReasons = healthy };
        }
        catch (PlacedTemplateException e)
        {
            return new RenderedFinding(finding, FindingStatus.Error, e.Message, notes, []);
        }
    }

    private string Reason(Finding finding, Func<Scriban.Runtime.ScriptObject> model, IReadOnlyList<string> healthy)
    {
        // Without a message, the condition's place, never its NCalc text: a person reads this.
        string Say(SignalOutcome o) => o.Signal.Message is { } m ? RenderText(m, model).Trim()
            : $"the condition on line {o.Signal.Condition.Start.Line} of {Path.GetFileName(o.Signal.Condition.Start.File)} held (it has no message)";
        var unknown = finding.Symptoms.Concat(finding.Advice).Where(o => o.State == SignalState.Unknown).Select(o => o.UnknownReason!).Distinct().ToList();
        return finding.Status switch
        {
            FindingStatus.Fired => string.Join("; ", finding.Symptoms.Where(o => o.State == SignalState.True).Select(Say)),
            FindingStatus.Advice => "no symptom now, but " + string.Join("; ", finding.Advice.Where(o => o.State == SignalState.True).Select(Say)),
            FindingStatus.Skipped => "could not be checked here: " + string.Join("; ", unknown),
            // Never the condition's NCalc text: a person reads this (issue 15); the playbook's own 'ok' prose comes first.
            _ => string.Join("; ", healthy.Count > 0 ? healthy : ["no signal fired"]) + (unknown.Count > 0 ? "; not checked: " + string.Join("; ", unknown) : ""),
        };
    }

    /// <summary>
    /// For an ok finding, one sentence per symptom that was checked and did not hold: its <c>ok</c> prose rendered, or
    /// one derived from its message; never the condition's text. Empty for any other status.
    /// </summary>
    private List<string> Healthy(Finding finding, Func<Scriban.Runtime.ScriptObject> model) =>
        finding.Status != FindingStatus.Ok
            ? []
            : [.. finding.Symptoms.Where(o => o.State == SignalState.False)
                .Select(o => o.Signal.Ok is { } ok ? RenderText(ok, model).Trim() : OkProse.Derived(finding.Playbook, o.Signal))
                .Where(t => t.Length > 0)
                .Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Files one per-row (<c>each</c>) fix writes at most, as an <c>each</c> probe reads at most that many rows: a snapshot
    /// of 50,000 processes in as many units near their limit rendered 50,000 drop-ins, each template walking every
    /// process, for ten minutes of one replay. The rows past it are named in a note.
    /// </summary>
    public const int MaxFilesPerFix = Probe.EachProbe.MaxRows;

    private List<RenderedFix> RenderFixes(Finding finding, Scriban.Runtime.ScriptObject model, List<string> notes)
    {
        var measured = Measurements.Of(finding);
        return [.. finding.Fixes.SelectMany(f => RenderFix(f, finding, model, notes)).Select(r => Checked(r.Spec, r.Fix, measured))];
    }

    /// <summary>A rendered fix that passed the content policy (Render/Content); otherwise the whole finding is an error.</summary>
    private RenderedFix Checked(FixSpec spec, RenderedFix fix, Measurements measured) =>
        FixPolicy.Refusal(spec, fix, measured, _repositoryDirectories) is { } refusal ? throw new PlacedTemplateException(refusal) : fix;

    private IEnumerable<(FixSpec Spec, RenderedFix Fix)> RenderFix(FixSpec fix, Finding finding, Scriban.Runtime.ScriptObject model, List<string> notes)
    {
        if (fix.Each is null)
        {
            yield return (fix, new RenderedFix(SafePath(fix, model), RenderText(fix.Template, model, InterpolationGuard.ContentProblem), fix.Then));
            yield break;
        }
        if (!finding.Values.TryGetValue(fix.Each, out var value) || value is not TableValue table) yield break;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < table.Rows.Count; index++)
        {
            if (seen.Count == MaxFilesPerFix)
            {
                notes.Add($"fix {fix.Path.Text}: written for the first {MaxFilesPerFix} rows of {fix.Each} only; {table.Rows.Count - index} more not rendered (a per-row fix writes at most {MaxFilesPerFix} files)");
                yield break;
            }
            var row = table.Rows[index];
            var perRow = new Scriban.Runtime.ScriptObject();
            foreach (var (k, v) in model) perRow[k] = v;
            var cells = new Scriban.Runtime.ScriptObject();
            foreach (var (k, v) in row) cells[k] = v;
            perRow["row"] = cells;
            var path = SafePath(fix, perRow);
            if (seen.Contains(path)) continue;
            var content = RenderText(fix.Template, perRow, InterpolationGuard.ContentProblem);
            // A row the template renders blank for needs no file (e.g. the host's limit is already higher than the advice).
            if (string.IsNullOrWhiteSpace(content)) continue;
            seen.Add(path);
            yield return (fix, new RenderedFix(path, content, fix.Then));
        }
    }

    private string SafePath(FixSpec fix, Scriban.Runtime.ScriptObject model)
    {
        var path = RenderText(fix.Path, model, InterpolationGuard.PathProblem).Trim();
        return _policy.AllowsFixPath(path)
            ? path
            : throw new PlacedTemplateException($"{fix.Path.Start}: fix path rendered as '{path}', outside the allowed places; nothing was rendered",
                new TemplateProblem(fix.Path.Start, Diagnostics.Codes.UnsafeFixPath, $"fix path renders as '{path}', outside the allowed places"));
    }

    private string RenderText(LocatedText text, Scriban.Runtime.ScriptObject model, Func<string, string?>? guard = null) => RenderText(text, () => model, guard);

    /// <summary>Renders <paramref name="text"/>; <paramref name="model"/> is asked for only when the text has code (plain text renders alike for every model).</summary>
    private string RenderText(LocatedText text, Func<Scriban.Runtime.ScriptObject> model, Func<string, string?>? guard = null)
    {
        // Parsed once per text by the compiler's shared cache; this renderer keeps no state, so one instance may render on several threads.
        var (template, errors) = TemplateCompiler.Compile(text);
        if (errors.Count > 0) throw new PlacedTemplateException(errors[0].ToString(), new TemplateProblem(errors[0].Position, errors[0].Code, errors[0].Message));
        try
        {
            return TemplateSandbox.Render(template, model, guard is null ? null : v => guard(v) is { } problem ? Refused + problem : null);
        }
        catch (TemplateException e)
        {
            var at = TemplateCompiler.PositionOf(text, e.Line, e.Column);
            var refused = e.Message.StartsWith(Refused, StringComparison.Ordinal);
            throw new PlacedTemplateException(refused
                ? $"{at}: {e.Message} (hint: host data such as a process or unit name cannot shape a fix's lines or path); no fix was rendered"
                : $"{at}: template: {e.Message}",
                refused ? new TemplateProblem(at, Diagnostics.Codes.UnsafeInterpolation, e.Message[Refused.Length..])
                    : new TemplateProblem(at, Diagnostics.Codes.TemplateDryRun, e.Message));
        }
    }

    private const string Refused = "fix refused (" + Diagnostics.Codes.UnsafeInterpolation + "): ";

    /// <summary>A render failure: its message for the report, and (for lint's dry run) its place and code.</summary>
    private sealed class PlacedTemplateException(string message, TemplateProblem? problem = null) : Exception(message)
    {
        public TemplateProblem? Problem { get; } = problem;
    }
}
