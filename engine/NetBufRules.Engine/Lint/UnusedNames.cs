using NetBufRules.Compile;
using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Validate;

namespace NetBufRules.Lint;

/// <summary>
/// Probes and params nothing reads (NBR019, NBR020), from the syntax trees: the names of every condition, <c>where</c>
/// and metric (NCalc), and the variables of every message, fix and fix path (Scriban; <c>rate.X</c> and
/// <c>delta.X</c> read probe X). A name in a template comment, in a fix's literal text or inside a quoted string is not a use.
/// </summary>
internal static class UnusedNames
{
    /// <summary>The warnings for <paramref name="playbook"/>, into <paramref name="bag"/>.</summary>
    public static void Check(Playbook playbook, DiagnosticBag bag)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var conditions = playbook.When.Concat(playbook.AdviseWhen).Select(s => s.Condition)
            .Concat(playbook.Probes.Select(p => p.Where).OfType<LocatedText>())
            .Concat(playbook.Fixes.Select(f => f.Condition).OfType<LocatedText>())
            .Concat(playbook.Metrics.Select(m => m.Value));
        foreach (var condition in conditions)
            used.UnionWith(ConditionCompiler.Compile(condition).Roots);
        foreach (var names in TemplateNames.TemplatesOf(playbook).Select(TemplateNames.Of))
        {
            used.UnionWith(names.Variables);
            foreach (var path in names.Paths)
            {
                var parts = path.Split('.');
                if (parts.Length > 1 && parts[0] is "rate" or "delta") used.Add(parts[1]);
            }
        }
        used.UnionWith(playbook.Requires);
        used.UnionWith(playbook.Fixes.Select(f => f.Each).OfType<string>());
        used.UnionWith(playbook.Probes.Select(p => p.Each).OfType<string>());
        foreach (var probe in playbook.Probes.Where(p => !used.Contains(p.Name)))
            bag.Warning(probe.Position, Codes.UnusedProbe, $"probe '{probe.Name}' is never used", "use it in a condition, message or fix, or remove it (it costs a read on every host)");
        foreach (var param in playbook.Params.Where(p => !used.Contains(p.Name)))
            bag.Warning(param.Position, Codes.UnusedParam, $"param '{param.Name}' is never used", "use it in a condition or template, or remove it");
    }
}
