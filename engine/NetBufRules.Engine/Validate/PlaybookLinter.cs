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
public static class PlaybookLinter
{
    /// <summary>Lints <paramref name="paths"/> with the repository config found beside them.</summary>
    public static LintResult Lint(IReadOnlyList<string> paths, string? configFile = null)
    {
        var bag = new DiagnosticBag();
        var config = configFile ?? LintConfig.Find(paths);
        var policy = LintConfig.Load(config, bag);
        var sources = PlaybookLoader.ReadSources(paths, bag);
        // Each file goes through every check on its own, in parallel, and only its diagnostics and its id are kept:
        // nothing of a file outlives its turn, which keeps the garbage collector's work small on a thousand files.
        var linted = sources.AsParallel().AsOrdered().Select(source => LintOne(source.File, source.Text, policy)).ToList();
        var ids = linted.Select(l => l.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var one in linted)
        {
            bag.AddRange(one.Diagnostics);
            foreach (var id in one.SeeAlso.Where(id => !ids.Contains(id)))
                bag.Warning(one.Position, Codes.UnknownSeeAlso, $"see_also names '{id}', which is not a loaded playbook", Suggest.Hint(id, [.. ids]));
        }
        PlaybookLoader.CheckUniqueIds(linted.Where(l => l.Id is not null).Select(l => (l.Id!, l.File, l.Position)), bag);
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
    }

    private static LintedFile LintOne(string file, string text, SafetyPolicy policy)
    {
        var one = new DiagnosticBag();
        var playbook = PlaybookParser.Parse(file, text, one, out var tree);
        if (playbook is not null) PlaybookValidator.ValidateOne(playbook, policy, one);
        if (tree is not null)
        {
            // The schema repeats much of what the loader says: skip lines that already have a diagnostic.
            var known = one.Items.Select(d => (d.Position.File, d.Position.Line)).ToHashSet();
            one.AddRange(SchemaValidator.Validate(tree, known));
        }
        if (playbook is null) return new LintedFile(file, null, new SourcePosition(file, 1, 1), [], one.Items);
        Prose(playbook, one);
        UnusedNames.Check(playbook, one);
        DryRender.Check(playbook, policy, one);
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
}
