using NetBufRules.Compile;
using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Policy;
using NetBufRules.Render;
using NetBufRules.Validate;

namespace NetBufRules.Lint;

/// <summary>
/// Everything <c>netbufrules lint</c> checks: loading, validation, the JSON Schema, a dry render of every template with
/// the probes' shapes, unused probes and params, and prose; warnings where a playbook still works.
/// </summary>
internal static class PlaybookLinter
{
    /// <summary>Lints <paramref name="paths"/> with the repository config found beside them.</summary>
    public static LintResult Lint(IReadOnlyList<string> paths, string? configFile = null) =>
        Lint(PlaybookSet.Load(new PlaybookSetOptions { Paths = paths, ConfigFile = configFile, BuiltInWhenNoPath = false }));

    /// <summary>
    /// Everything about <paramref name="set"/>: its diagnostics (what run and test refuse too), its advice, see_also
    /// and finding references that no pack loaded (the built-in one included) has, and its test files.
    /// </summary>
    public static LintResult Lint(PlaybookSet set)
    {
        var bag = new DiagnosticBag();
        bag.AddRange(set.Diagnostics);
        bag.AddRange(set.Advice);
        // see_also and finding references resolve against every pack loaded and the built-in one, so a single file of a
        // pack (a pre-commit hook) or a team pack pointing at a built-in playbook lints clean.
        var known = set.LoadedIds.Concat(PlaybookSet.BuiltInIds).ToHashSet(StringComparer.Ordinal);
        foreach (var playbook in set.Playbooks)
        {
            foreach (var id in playbook.SeeAlso.Where(id => !known.Contains(id)))
                bag.Warning(playbook.Position, Codes.UnknownSeeAlso, $"see_also names '{id}', which is not a loaded playbook", Suggest.Hint(id, [.. known]));
            foreach (var reference in FindingOrder.References(playbook).Where(r => r.Id != playbook.Id && !known.Contains(r.Id)))
                bag.Warning(reference.Position, Codes.FindingNotLoaded, $"'{reference.Id}' is not a loaded playbook, so it counts as not checked", Suggest.Hint(reference.Id, [.. known]));
        }
        LintTestFiles(set.TestFiles, set.LoadedIds.ToHashSet(StringComparer.Ordinal), set.Playbooks, bag);
        // The files linted: those of the selected playbooks and any with a problem (one that did not parse has no id to select by).
        var files = set.Playbooks.Select(p => p.File).Concat(bag.Items.Select(d => d.Position.File)).Distinct().Count();
        return new LintResult(bag.Sorted(), files, set.Config.File);
    }

    /// <summary>One file parsed: its playbook (if it parsed), its YAML tree (for the schema), and the parser's diagnostics.</summary>
    internal sealed record ParsedFile(string File, Playbook? Playbook, YamlNode? Tree, IReadOnlyList<Diagnostic> Diagnostics);

    /// <summary>What is kept of one checked file: its playbook (if it parsed), whether it is selected, its diagnostics and lint's advice on it.</summary>
    internal sealed record CheckedFile(string File, Playbook? Playbook, bool Selected, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<Diagnostic> Advice);

    /// <summary>Parses one file; nothing else (every file of every pack is parsed before any is validated).</summary>
    internal static ParsedFile ParseFile(string file, string text)
    {
        var one = new DiagnosticBag();
        var playbook = PlaybookParser.Parse(file, text, one, out var tree);
        return new ParsedFile(file, playbook, tree, one.Items);
    }

    /// <summary>Parses one document that <c>extends:</c> merged with its base; its tree is the merged tree.</summary>
    internal static ParsedFile ParseDocument(Load.Extends.PlaybookDocument document)
    {
        var one = new DiagnosticBag();
        var playbook = PlaybookParser.Parse(document, one);
        return new ParsedFile(document.File, playbook, document.Root, one.Items);
    }

    /// <summary>
    /// Every check of one parsed file, as every command makes it: validate, the JSON Schema and a dry render of every
    /// template (errors), then lint's advice (prose, unused probes and params). A playbook <paramref name="selected"/>
    /// leaves out is not checked.
    /// </summary>
    internal static CheckedFile CheckFile(ParsedFile parsed, SafetyPolicy policy, Func<string, IReadOnlyList<string>, bool> selected)
    {
        var (file, playbook, tree, _) = parsed;
        if (playbook is not null && !selected(playbook.Id, playbook.Tags)) return new CheckedFile(file, playbook, false, [], []);
        var one = new DiagnosticBag();
        one.AddRange(parsed.Diagnostics);
        if (playbook is not null) PlaybookValidator.ValidateOne(playbook, policy, one);
        if (tree is not null)
        {
            // The schema repeats much of what the loader says: skip lines that already have a diagnostic.
            var known = one.Items.Select(d => (d.Position.File, d.Position.Line)).ToHashSet();
            one.AddRange(SchemaValidator.Validate(tree, known));
        }
        if (playbook is null) return new CheckedFile(file, null, true, one.Items, []);
        DryRender.Check(playbook, policy, one);
        var advice = new DiagnosticBag();
        Prose(playbook, advice);
        ReportWording.Check(playbook, advice);
        UnusedNames.Check(playbook, advice);
        return new CheckedFile(file, playbook, true, one.Items, advice.Items);
    }

    /// <summary>
    /// Test files of the set: their own mistakes, tests for playbooks that are not there, and names a case gives that
    /// its (selected) playbook lacks.
    /// </summary>
    private static void LintTestFiles(IReadOnlyList<string> testFiles, IReadOnlySet<string> ids, IReadOnlyList<Playbook> playbooks, DiagnosticBag bag)
    {
        var selected = playbooks.DistinctBy(p => p.Id).ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var file in testFiles)
        {
            var tests = Testing.TestFileParser.ParseFile(file, bag);
            foreach (var test in tests.Where(t => selected.ContainsKey(t.PlaybookId)))
                Testing.TestReferences.Check(test, selected[test.PlaybookId], bag);
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
}
