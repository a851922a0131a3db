using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Load.Extends;

namespace NetBufRules.Validate;

public static partial class PlaybookLinter
{
    /// <summary>The built-in pack's ids, which see_also may name from any pack.</summary>
    private static readonly Lazy<IReadOnlyList<string>> BuiltInIds = new(() =>
        [.. PlaybookLoader.BuiltInDocuments.Select(d => (d.Root as YamlMap)?["id"] as YamlScalar).OfType<YamlScalar>().Select(s => s.Value)]);

    /// <summary>
    /// When a linted file has <c>extends:</c>: every linted file's tree, merged as a run merges them (bases among the
    /// files linted, then the built-in pack). Gives each extending file's merged document (null when its base could not
    /// be resolved; the reason is in <paramref name="bag"/>), or null when no file extends another (nothing extra is read).
    /// </summary>
    private static Dictionary<string, (PlaybookDocument? Document, bool Replaces)>? MergeExtending(IReadOnlyList<(string File, string Text)> sources, DiagnosticBag bag)
    {
        if (!sources.Any(s => ExtendsMerger.Mentions(s.Text))) return null;
        // Syntax errors are reported by each file's own lint; here a broken file is only not a base.
        var documents = sources.AsParallel().AsOrdered()
            .Select(s => YamlTreeReader.Read(s.File, s.Text, new DiagnosticBag()) is { } root ? PlaybookDocument.Of(s.File, root, s.Text) : null)
            .OfType<PlaybookDocument>().ToList();
        var extending = documents.Where(d => ExtendsMerger.ExtendsOf(d) is not null).Select(d => d.File).ToHashSet(StringComparer.Ordinal);
        // Lint keeps every file (a replaced base is linted too), so merge each extending file on its own.
        var result = documents.Where(d => extending.Contains(d.File))
            .ToDictionary(d => d.File, d => ((PlaybookDocument?)null, ExtendsMerger.Replaces(d)), StringComparer.Ordinal);
        foreach (var merged in ExtendsMerger.Merge(documents, PlaybookLoader.BuiltInDocuments, bag).Where(d => d.Origin is not null && extending.Contains(d.File)))
            result[merged.File] = (merged, result[merged.File].Item2);
        return result;
    }
}
