using System.Text.RegularExpressions;
using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Policy;
using NetBufRules.Render;

namespace NetBufRules.Validate;

/// <summary>
/// Everything <c>netbufrules lint</c> checks: loading, validation, the JSON Schema, a dry render of every template with
/// the probes' shapes, unused probes and params, and prose; warnings where a playbook still works.
/// </summary>
public static partial class PlaybookLinter
{
    [GeneratedRegex(@"(?<![\w.])[A-Za-z_]\w*")]
    private static partial Regex Identifier();

    /// <summary>Lints <paramref name="paths"/> with the repository config found beside them.</summary>
    public static LintResult Lint(IReadOnlyList<string> paths, string? configFile = null)
    {
        var bag = new DiagnosticBag();
        var config = configFile ?? LintConfig.Find(paths);
        var policy = LintConfig.Load(config, bag);
        var sources = PlaybookLoader.ReadSources(paths, bag);
        // Each file goes through every check on its own, in parallel, and only its diagnostics and its id are kept:
        // nothing of a file outlives its turn, which keeps the garbage collector's work small on a thousand files.
        var extended = MergeExtending(sources, bag);
        var linted = sources.AsParallel().AsOrdered().Select(source => extended is not null && extended.TryGetValue(source.File, out var merged)
            ? (merged.Document is null ? new LintedFile(source.File, null, new SourcePosition(source.File, 1, 1), [], [])
                : LintOne(source.File, source.Text, policy, merged.Document) with { Replaces = merged.Replaces })
            : LintOne(source.File, source.Text, policy)).ToList();
        var ids = linted.Select(l => l.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        // see_also may name a playbook of the built-in pack, which every run can load beside a team's pack.
        var seeAlsoIds = ids.Concat(BuiltInIds.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var one in linted)
        {
            bag.AddRange(one.Diagnostics);
            foreach (var id in one.SeeAlso.Where(id => !seeAlsoIds.Contains(id)))
                bag.Warning(one.Position, Codes.UnknownSeeAlso, $"see_also names '{id}', which is not a loaded playbook", Suggest.Hint(id, [.. ids]));
        }
        PlaybookLoader.CheckUniqueIds(linted.Where(l => l.Id is not null && !l.Replaces).Select(l => (l.Id!, l.File, l.Position)), bag);
        bag.AddRange(FindingOrder.CheckGraph([.. linted.Where(l => l.Id is not null).Select(l => (l.Id!, l.Reads))], warnNotLoaded: true));
        LintTestFiles(paths, ids, bag);
        var files = sources.Select(s => s.File).Concat(bag.Items.Select(d => d.Position.File)).Distinct().Count();
        return new LintResult(bag.Sorted(), files, config);
    }

    /// <summary>What is kept of one linted file: its diagnostics, and what the cross-file checks need.</summary>
    private sealed record LintedFile(string File, string? Id, SourcePosition Position, IReadOnlyList<string> SeeAlso, IReadOnlyList<Diagnostic> Diagnostics)
    {
        /// <summary>The other findings it reads (explained_by, fired()), for the cycle and not-loaded checks.</summary>
        public IReadOnlyList<FindingReference> Reads { get; init; } = [];

        /// <summary>An extending playbook that keeps its base's id and so takes the base's place, never a duplicate of it.</summary>
        public bool Replaces { get; init; }
    }

    private static LintedFile LintOne(string file, string text, SafetyPolicy policy, Load.Extends.PlaybookDocument? merged = null)
    {
        var one = new DiagnosticBag();
        var tree = merged?.Root;
        var playbook = merged is null ? PlaybookParser.Parse(file, text, one, out tree) : PlaybookParser.Parse(merged, one);
        if (playbook is not null) PlaybookValidator.ValidateOne(playbook, policy, one);
        if (tree is not null)
        {
            // The schema repeats much of what the loader says: skip lines that already have a diagnostic.
            var known = one.Items.Select(d => (d.Position.File, d.Position.Line)).ToHashSet();
            one.AddRange(SchemaValidator.Validate(tree, known));
        }
        if (playbook is null) return new LintedFile(file, null, new SourcePosition(file, 1, 1), [], one.Items);
        Prose(playbook, one);
        Unused(playbook, one);
        DryRender(playbook, one);
        return new LintedFile(file, playbook.Id, playbook.Position, playbook.SeeAlso, one.Items) { Reads = FindingOrder.References(playbook) };
    }

    /// <summary>Test files beside the playbooks: their own mistakes, and tests for playbooks that are not there.</summary>
    private static void LintTestFiles(IReadOnlyList<string> paths, IReadOnlySet<string> ids, DiagnosticBag bag)
    {
        foreach (var file in Testing.TestFileParser.Find(paths))
        {
            var tests = Testing.TestFileParser.ParseFile(file, bag);
            foreach (var id in tests.Select(t => t.PlaybookId).Distinct().Where(id => !ids.Contains(id)))
                bag.Error(new SourcePosition(file, 1, 1), Codes.UnknownIdentifier, $"tests for '{id}', which is not a loaded playbook", Suggest.Hint(id, [.. ids]));
        }
    }

    private static void Prose(Playbook playbook, DiagnosticBag bag)
    {
        if (playbook.Summary.Length == 0)
            bag.Warning(playbook.Position, Codes.MissingProse, "the playbook has no 'summary'", "say in a sentence what the cause is; explain and the report show it");
        if (playbook.Why.Length == 0)
            bag.Warning(playbook.Position, Codes.MissingProse, "the playbook has no 'why'", "say why the fix works; 'netbufrules explain' shows it");
    }

    private static void Unused(Playbook playbook, DiagnosticBag bag)
    {
        var texts = playbook.When.Concat(playbook.AdviseWhen).SelectMany(s => new[] { s.Condition.Text, s.Message?.Text ?? "" })
            .Concat(playbook.Probes.Select(p => p.Where?.Text ?? ""))
            .Concat(playbook.Fixes.SelectMany(f => new[] { f.Template.Text, f.Path.Text, f.Condition?.Text ?? "", f.Each ?? "" }))
            .Concat(playbook.Requires)
            .Concat(playbook.Probes.Select(p => p.Each ?? ""))
            .ToList();
        // Every identifier the texts use, once; a name after a dot (row.pid) is a member, not a probe or param.
        var used = texts.SelectMany(t => Identifier().Matches(t).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        bool Used(string name) => used.Contains(name);
        foreach (var probe in playbook.Probes.Where(p => !Used(p.Name)))
            bag.Warning(probe.Position, Codes.UnusedProbe, $"probe '{probe.Name}' is never used", "use it in a condition, message or fix, or remove it (it costs a read on every host)");
        foreach (var param in playbook.Params.Where(p => !Used(p.Name)))
            bag.Warning(param.Position, Codes.UnusedParam, $"param '{param.Name}' is never used", "use it in a condition or template, or remove it");
    }

    private static void DryRender(Playbook playbook, DiagnosticBag bag)
    {
        var fired = TemplateSandbox.ShapeModel(playbook, FindingStatus.Fired);
        var advice = TemplateSandbox.ShapeModel(playbook, FindingStatus.Advice);
        foreach (var message in playbook.When.Concat(playbook.AdviseWhen).Select(s => s.Message).OfType<LocatedText>())
            Try(message, fired, bag);
        foreach (var fix in playbook.Fixes)
        {
            // A fix renders the same for fired and advice unless it reads 'status'.
            var reads = fix.Template.Text.Contains("status", StringComparison.Ordinal) || fix.Path.Text.Contains("status", StringComparison.Ordinal);
            foreach (var model in reads ? new[] { fired, advice } : [fired])
            {
                if (fix.Each is not null)
                {
                    model["row"] = model[fix.Each] is Scriban.Runtime.ScriptArray { Count: > 0 } rows ? rows[0] : new Scriban.Runtime.ScriptObject();
                }
                Try(fix.Path, model, bag);
                if (Try(fix.Template, model, bag) is { } content) FixPolicyChecks.DryRun(playbook, fix, content, bag);
            }
        }
    }

    private static string? Try(LocatedText text, Scriban.Runtime.ScriptObject model, DiagnosticBag bag)
    {
        var (template, errors) = TemplateCompiler.Compile(text);
        if (errors.Count > 0) return null; // reported by the validator
        try
        {
            return TemplateSandbox.Render(template, model);
        }
        catch (TemplateException e)
        {
            var at = TemplateCompiler.PositionOf(text, e);
            if (bag.Items.Any(d => d.Position == at && d.Code == Codes.TemplateDryRun)) return null;
            bag.Error(at, Codes.TemplateDryRun, $"template fails on a dry run: {e.Message}",
                $"templates see params, probes (probe.field, tables as rows), rate.X, delta.X, status and the functions {string.Join(" ", TemplateSandbox.FunctionNames)}");
            return null;
        }
    }
}
