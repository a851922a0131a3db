using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Render.Content;
using Scriban;

namespace NetBufRules.Render;

/// <summary>Renders the reason sentences and, for findings that fire or advise, their fixes.</summary>
public sealed class FixRenderer(Policy.SafetyPolicy? policy = null)
{
    private readonly Policy.SafetyPolicy _policy = policy ?? Policy.SafetyPolicy.Default;

    /// <summary>The fix folders the repository config adds to the built-in ones: fixes there are checked as lint checks them.</summary>
    private readonly IReadOnlyList<string> _repositoryDirectories =
        [.. (policy ?? Policy.SafetyPolicy.Default).AllowedFixDirectories.Except(Policy.SafetyPolicy.Default.AllowedFixDirectories)];

    private readonly Dictionary<LocatedText, Template> _parsed = new(ReferenceEqualityComparer.Instance);

    /// <summary>Renders one finding; a template that fails turns the finding into an error with the template's place.</summary>
    public RenderedFinding Render(Finding finding)
    {
        var notes = finding.SkippedProbes.Select(p => $"probe {p.Name} skipped: {p.SkipReason}").ToList();
        notes.AddRange(finding.Probes.Values.Where(p => p.Note is not null).Select(p => $"probe {p.Name}: {p.Note}"));
        notes.AddRange(finding.Probes.Values.Where(p => p.Truncated).Select(p => $"probe {p.Name}: output capped at {LiveSourceReader.DefaultOutputCap / 1024} KiB"));
        if (finding.Status == FindingStatus.Error)
            return new RenderedFinding(finding, FindingStatus.Error, finding.Error ?? "error", notes, []);
        var model = TemplateSandbox.Model(finding);
        try
        {
            var reason = Reason(finding, model);
            var measured = Measurements.Of(finding);
            var fixes = finding.Fixes.SelectMany(f => RenderFix(f, finding, model)).Select(r => Checked(r.Spec, r.Fix, measured)).ToList();
            return new RenderedFinding(finding, finding.Status, reason, notes, fixes);
        }
        catch (PlacedTemplateException e)
        {
            return new RenderedFinding(finding, FindingStatus.Error, e.Message, notes, []);
        }
    }

    private string Reason(Finding finding, Scriban.Runtime.ScriptObject model)
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
            // Never the condition's NCalc text: a person reads this (issue 15); a playbook's own prose for ok comes first.
            _ => "no signal fired" + (unknown.Count > 0 ? "; not checked: " + string.Join("; ", unknown) : ""),
        };
    }

    /// <summary>A rendered fix that passed the content policy (Render/Content); otherwise the whole finding is an error.</summary>
    private RenderedFix Checked(FixSpec spec, RenderedFix fix, Measurements measured) =>
        FixPolicy.Refusal(spec, fix, measured, _repositoryDirectories) is { } refusal ? throw new PlacedTemplateException(refusal) : fix;

    private IEnumerable<(FixSpec Spec, RenderedFix Fix)> RenderFix(FixSpec fix, Finding finding, Scriban.Runtime.ScriptObject model)
    {
        if (fix.Each is null)
        {
            yield return (fix, new RenderedFix(SafePath(fix, model), RenderText(fix.Template, model, InterpolationGuard.ContentProblem), fix.Then));
            yield break;
        }
        if (!finding.Values.TryGetValue(fix.Each, out var value) || value is not TableValue table) yield break;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var perRow = new Scriban.Runtime.ScriptObject();
            foreach (var (k, v) in model) perRow[k] = v;
            var cells = new Scriban.Runtime.ScriptObject();
            foreach (var (k, v) in row) cells[k] = v;
            perRow["row"] = cells;
            var path = SafePath(fix, perRow);
            if (seen.Add(path)) yield return (fix, new RenderedFix(path, RenderText(fix.Template, perRow, InterpolationGuard.ContentProblem), fix.Then));
        }
    }

    private string SafePath(FixSpec fix, Scriban.Runtime.ScriptObject model)
    {
        var path = RenderText(fix.Path, model, InterpolationGuard.PathProblem).Trim();
        return _policy.AllowsFixPath(path)
            ? path
            : throw new PlacedTemplateException($"{fix.Path.Start}: fix path rendered as '{path}', outside the allowed places; nothing was rendered");
    }

    private string RenderText(LocatedText text, Scriban.Runtime.ScriptObject model, Func<string, string?>? guard = null)
    {
        if (!_parsed.TryGetValue(text, out var template))
        {
            var (parsed, errors) = TemplateCompiler.Compile(text);
            if (errors.Count > 0) throw new PlacedTemplateException(errors[0].ToString());
            _parsed[text] = template = parsed;
        }
        try
        {
            return TemplateSandbox.Render(template, model, guard is null ? null : v => guard(v) is { } problem ? Refused + problem : null);
        }
        catch (TemplateException e)
        {
            var at = TemplateCompiler.PositionOf(text, e);
            throw new PlacedTemplateException(e.Message.StartsWith(Refused, StringComparison.Ordinal)
                ? $"{at}: {e.Message} (hint: host data such as a process or unit name cannot shape a fix's lines or path); no fix was rendered"
                : $"{at}: template: {e.Message}");
        }
    }

    private const string Refused = "fix refused (" + Diagnostics.Codes.UnsafeInterpolation + "): ";

    private sealed class PlacedTemplateException(string message) : Exception(message);
}
