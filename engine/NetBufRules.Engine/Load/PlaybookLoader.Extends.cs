using NetBufRules.Diagnostics;
using NetBufRules.Load.Extends;
using NetBufRules.Model;

namespace NetBufRules.Load;

internal static partial class PlaybookLoader
{
    /// <summary>The built-in pack as YAML trees, read once: the bases an <c>extends:</c> finds when the pack is not loaded itself.</summary>
    private static readonly Lazy<IReadOnlyList<PlaybookDocument>> BuiltInBases = new(() =>
        [.. BuiltInSources().Select(s => (s, Root: YamlTreeReader.Read(s.File, s.Text, new DiagnosticBag())))
            .Where(d => d.Root is not null).Select(d => PlaybookDocument.Of(d.s.File, d.Root!, d.s.Text))]);

    /// <summary>The built-in pack's documents, for <see cref="ExtendsMerger.Merge"/>'s bases.</summary>
    public static IReadOnlyList<PlaybookDocument> BuiltInDocuments => BuiltInBases.Value;

    /// <summary>
    /// Reads every source as a YAML tree, resolves <c>extends:</c> (<see cref="ExtendsMerger.Merge"/>, with the built-in
    /// pack as bases) and parses the merged documents. Only taken when some source has <c>extends:</c>.
    /// </summary>
    private static LoadResult ParseExtending(IReadOnlyList<(string File, string Text)> sources, DiagnosticBag diagnostics)
    {
        var read = sources.AsParallel().AsOrdered().Select(s =>
        {
            var bag = new DiagnosticBag();
            var root = YamlTreeReader.Read(s.File, s.Text, bag);
            // An empty or broken file: the parser says so as it always has.
            return (Document: root is null ? null : PlaybookDocument.Of(s.File, root, s.Text), Items: root is null ? EmptyOrBroken(s.File, s.Text) : bag.Items);
        }).ToList();
        foreach (var r in read) diagnostics.AddRange(r.Items);
        var documents = read.Select(r => r.Document).OfType<PlaybookDocument>().ToList();
        var merged = ExtendsMerger.Merge(documents, BuiltInDocuments, diagnostics);
        var parsed = merged.AsParallel().AsOrdered().Select(d =>
        {
            var bag = new DiagnosticBag();
            return (Playbook: PlaybookParser.Parse(d, bag), bag.Items);
        }).ToList();
        var playbooks = parsed.Select(p => p.Playbook).OfType<Playbook>().ToList();
        foreach (var p in parsed) diagnostics.AddRange(p.Items);
        CheckUniqueIds(playbooks.Select(p => (p.Id, p.File, p.Position)), diagnostics);
        return new LoadResult(playbooks, diagnostics.Sorted());
    }

    /// <summary>The parser's own diagnostics for a file that is not a YAML tree (empty, or a syntax error).</summary>
    private static IReadOnlyList<Diagnostic> EmptyOrBroken(string file, string text)
    {
        var bag = new DiagnosticBag();
        PlaybookParser.Parse(file, text, bag);
        return bag.Items;
    }
}
