using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Compile;

/// <summary>
/// Parses every condition and template of a playbook once, before anything is probed: evaluation and rendering then
/// take the parsed forms from <see cref="ConditionCompiler.CompileOnce"/> and <see cref="TemplateCompiler"/> and never
/// parse text again (a fleet replay evaluates the same playbooks for thousands of hosts).
/// </summary>
internal static class PlaybookCompiler
{
    /// <summary>Compiles <paramref name="playbook"/>; returns the syntax errors (none for a playbook that validated).</summary>
    public static IReadOnlyList<Diagnostic> Compile(Playbook playbook)
    {
        var errors = new List<Diagnostic>();
        foreach (var condition in Conditions(playbook))
        {
            if (ConditionCompiler.CompileOnce(condition).Error is { } error) errors.Add(error);
        }
        foreach (var template in Templates(playbook))
            errors.AddRange(TemplateCompiler.Compile(template).Errors);
        return errors;
    }

    /// <summary>Every NCalc text of a playbook: probe filters, signals, fix conditions, metrics.</summary>
    public static IEnumerable<LocatedText> Conditions(Playbook playbook) =>
        playbook.Probes.Select(p => p.Where).OfType<LocatedText>()
            .Concat(playbook.When.Concat(playbook.AdviseWhen).Select(s => s.Condition))
            .Concat(playbook.Fixes.Select(f => f.Condition).OfType<LocatedText>())
            .Concat(playbook.Metrics.Select(m => m.Value));

    /// <summary>Every Scriban text of a playbook: signal messages, fix paths and contents.</summary>
    public static IEnumerable<LocatedText> Templates(Playbook playbook) =>
        playbook.When.Concat(playbook.AdviseWhen).Select(s => s.Message).OfType<LocatedText>()
            .Concat(playbook.Fixes.SelectMany(f => new[] { f.Path, f.Template }));
}
