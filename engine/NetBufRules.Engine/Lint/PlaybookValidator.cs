using NetBufRules.Compile;
using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Policy;
using NetBufRules.Render;
using NetBufRules.Validate;

namespace NetBufRules.Lint;

/// <summary>Checks what the engine would trip on later: conditions, templates, names, and safety of commands and fix paths.</summary>
internal static class PlaybookValidator
{
    /// <summary>Every problem in <paramref name="playbooks"/>.</summary>
    public static IReadOnlyList<Diagnostic> Validate(IReadOnlyList<Playbook> playbooks, SafetyPolicy? policy = null)
    {
        policy ??= SafetyPolicy.Default;
        var bag = new DiagnosticBag();
        foreach (var items in playbooks.AsParallel().AsOrdered().Select(p =>
        {
            var one = new DiagnosticBag();
            ValidateOne(p, policy, one);
            return one.Items;
        }).ToList())
        {
            bag.AddRange(items);
        }
        bag.AddRange(FindingOrder.CheckGraph(playbooks, warnNotLoaded: false));
        return bag.Sorted();
    }

    /// <summary>The problems of one playbook, into <paramref name="bag"/>.</summary>
    internal static void ValidateOne(Playbook playbook, SafetyPolicy policy, DiagnosticBag bag)
    {
        var probeNames = playbook.Probes.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var paramNames = playbook.Params.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var clash in playbook.Params.Where(p => probeNames.Contains(p.Name)))
            bag.Error(clash.Position, Codes.InvalidValue, $"'{clash.Name}' is both a param and a probe", "rename one of them");
        var known = probeNames.Concat(paramNames).ToList();

        foreach (var required in playbook.Requires.Where(n => !probeNames.Contains(n)))
            bag.Error(playbook.Position, Codes.UnknownIdentifier, $"'requires' names '{required}', which is not a probe", Suggest.Hint(required, [.. probeNames]));
        foreach (var probe in playbook.Probes)
        {
            foreach (var alternative in probe.Alternatives)
                CheckCommand(alternative, policy, bag);
            if (probe.Where is { } where)
            {
                // Row columns are only known at run time; check syntax and functions.
                CheckCondition(where, known, playbook.Params, bag, checkNames: false);
            }
        }
        foreach (var signal in playbook.When.Concat(playbook.AdviseWhen))
        {
            CheckCondition(signal.Condition, known, playbook.Params, bag, checkNames: true);
            if (signal.Message is { } message) CheckTemplate(message, bag);
            if (signal.Ok is { } ok) CheckTemplate(ok, bag);
        }
        bag.AddRange(FindingOrder.CheckCalls(playbook));
        WhereCycleCheck.Check(playbook, bag);
        EachProbeRules.Check(playbook, bag);
        foreach (var metric in playbook.Metrics) CheckCondition(metric.Value, known, playbook.Params, bag, checkNames: true);
        foreach (var fix in playbook.Fixes)
        {
            CheckTemplate(fix.Template, bag);
            CheckTemplate(fix.Path, bag);
            if (fix.Each is { } each && !probeNames.Contains(each))
                bag.Error(fix.Position, Codes.UnknownIdentifier, $"'each' names '{each}', which is not a probe", Suggest.Hint(each, [.. probeNames]));
            if (fix.Condition is { } condition) CheckCondition(condition, known, playbook.Params, bag, checkNames: true);
            CheckFixPath(fix, policy, bag);
            FixPolicyChecks.Check(playbook, fix, policy, bag);
            if (fix.Then.Count > 0 && ProgramFamilies.RunsCode(fix.Then[0]))
                bag.Error(fix.Position, Codes.UnsafeCommand, $"the fix's 'then' starts an interpreter ({fix.Then[0]})", "name the command that applies the file, e.g. [sysctl, -p, FILE]");
        }
    }

    private static void CheckCommand(ProbeAlternative alternative, SafetyPolicy policy, DiagnosticBag bag)
    {
        switch (alternative.Source)
        {
            case CommandSource command when policy.CheckCommand(command.Argv) is { } refusal:
                // Blame the argument itself when its place is known (a flow list or block list), else the command.
                var at = refusal.ArgIndex < alternative.ArgumentPositions.Count ? alternative.ArgumentPositions[refusal.ArgIndex] : alternative.Position;
                bag.Error(at, Codes.UnsafeCommand, refusal.Message, refusal.Hint);
                break;
            case FileSource file when FilePolicy.CheckWritten(file.Path) is { } why:
                bag.Error(alternative.Position, Codes.ForbiddenFileSource, $"file source '{file.Path}' {why}",
                    "read a regular file under /proc or /sys by its plain path (not a process's environ, mem, cmdline, root, cwd or fd, nor /proc/kmsg, debugfs or tracefs)");
                break;
        }
    }

    private static void CheckFixPath(FixSpec fix, SafetyPolicy policy, DiagnosticBag bag)
    {
        // A templated path is checked here up to its first {{ and again, whole, when it is rendered.
        var path = fix.Path.Text;
        var fixedPart = path.Contains("{{", StringComparison.Ordinal) ? path[..path.IndexOf("{{", StringComparison.Ordinal)] : path;
        if (!policy.AllowsFixPath(fixedPart, partial: fixedPart.Length < path.Length))
            bag.Error(fix.Position, Codes.UnsafeFixPath, $"fix path '{path}' is outside the allowed places", $"write under {string.Join(", ", policy.AllowedFixDirectories)} with an absolute path and no '..'");
    }

    private static void CheckCondition(LocatedText text, IReadOnlyList<string> known, IReadOnlyList<ParamSpec> parameters, DiagnosticBag bag, bool checkNames) =>
        ConditionChecks.Check(text, known, parameters, bag, checkNames);

    private static void CheckTemplate(LocatedText text, DiagnosticBag bag) => bag.AddRange(TemplateCompiler.Compile(text).Errors);
}
