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
    /// Resolves <c>extends:</c> over <paramref name="sources"/> (<see cref="ExtendsMerger.Merge"/>, with the built-in
    /// pack as bases): for each source, in order, null when it is left out of the run (a base an extension replaces, or
    /// an extension whose base cannot be resolved, its reason in <paramref name="diagnostics"/>), the merged document of
    /// an extension, or no document: the source is parsed from its text as always (also a file that is not a YAML tree,
    /// so its syntax error is reported as before). The one place both the loader and the PlaybookSet resolve it.
    /// </summary>
    public static IReadOnlyList<(bool Kept, PlaybookDocument? Merged)> ResolveExtends(IReadOnlyList<(string File, string Text)> sources, DiagnosticBag diagnostics)
    {
        // Syntax errors are reported when each file is parsed; here a broken file is only not a base.
        var roots = sources.AsParallel().AsOrdered().Select(s => YamlTreeReader.Read(s.File, s.Text, new DiagnosticBag())).ToList();
        var documents = sources.Zip(roots).Where(p => p.Second is not null).Select(p => PlaybookDocument.Of(p.First.File, p.Second!, p.First.Text)).ToList();
        var merged = ExtendsMerger.Merge(documents, BuiltInDocuments, diagnostics).ToDictionary(d => d.File, StringComparer.Ordinal);
        return [.. sources.Zip(roots).Select(p => p.Second is null ? (true, null)
            : merged.TryGetValue(p.First.File, out var doc) ? (true, doc.Origin is null ? null : doc)
            : (false, (PlaybookDocument?)null))];
    }
}
