using System.Text.RegularExpressions;
using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Load.Extends;

/// <summary>
/// Resolves <c>extends:</c>: each playbook that extends another is merged with its base on the YAML trees, before
/// parsing, so every diagnostic of the result points at the file and line:col its text came from. A pure function of
/// the documents given: the same documents give the same result, and nothing is read from disk here.
/// </summary>
/// <remarks>
/// An extending playbook without an <c>id</c> (or with its base's id) keeps the base's id and replaces the base in the
/// run: a team that raises a threshold for its hosts does not want the base to run beside it. One with a new id is a
/// variant that runs beside its base. A base is looked up among the documents loaded (other than the extending one),
/// then among <c>bases</c> (the built-in pack), so a later version of the base is picked up without touching the
/// extending file.
/// </remarks>
internal static partial class ExtendsMerger
{
    [GeneratedRegex(@"^extends[ \t]*:", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ExtendsKey();

    /// <summary>Whether a playbook's text has a top-level <c>extends:</c> (cheap: documents without one skip the merge).</summary>
    public static bool Mentions(string text) => ExtendsKey().IsMatch(text);

    /// <summary>
    /// The documents to parse, in the order given: each extending document merged with its base (carrying
    /// <see cref="PlaybookDocument.Origin"/>), each loaded base that an extension replaces left out, and an extending
    /// document whose base cannot be resolved left out with its diagnostic in <paramref name="diagnostics"/>.
    /// </summary>
    /// <param name="documents">The documents loaded for this run (every pack given).</param>
    /// <param name="bases">Documents that may be extended without being run (the built-in pack when it is not loaded).</param>
    /// <param name="diagnostics">Receives NBR130-NBR136 at the extending file's place.</param>
    public static IReadOnlyList<PlaybookDocument> Merge(IReadOnlyList<PlaybookDocument> documents, IReadOnlyList<PlaybookDocument> bases, DiagnosticBag diagnostics)
    {
        var state = new MergeState(documents, bases, diagnostics);
        var removed = new HashSet<int>();
        var replacedBy = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
        var result = new List<(int Index, PlaybookDocument Document)>();
        for (var i = 0; i < documents.Count; i++)
        {
            var extends = ExtendsOf(documents[i]);
            if (extends is null)
            {
                result.Add((i, documents[i]));
                continue;
            }
            if (state.IsReplacer(i))
            {
                if (replacedBy.TryGetValue(extends.Value, out var first))
                {
                    diagnostics.Error(extends.Position, Codes.ExtendsTwice,
                        $"'{extends.Value}' is already extended and replaced by {first.Position.File}:{first.Position.Line}",
                        "one playbook per id may keep a base's id; merge the two, or give this one a new 'id' so it runs beside the base");
                    continue;
                }
                replacedBy[extends.Value] = extends;
                if (state.LoadedBase(i, extends.Value) is { } replaced) removed.Add(replaced);
            }
            if (state.Resolve(i, []) is { } merged) result.Add((i, merged));
        }
        return [.. result.Where(r => !removed.Contains(r.Index)).Select(r => r.Document)];
    }

    /// <summary>Whether a document that extends keeps its base's id (no <c>id</c>, or the same), and so replaces the base in a run.</summary>
    public static bool Replaces(PlaybookDocument document) =>
        ExtendsOf(document) is { } e && (document.Root is not YamlMap m || m["id"] is not YamlScalar { IsNull: false } id || id.Value == e.Value);

    /// <summary>The <c>extends:</c> scalar of a document, or null.</summary>
    public static YamlScalar? ExtendsOf(PlaybookDocument document) =>
        document.Root is YamlMap map && map["extends"] is YamlScalar { IsNull: false } s ? s : null;

    private sealed class MergeState(IReadOnlyList<PlaybookDocument> documents, IReadOnlyList<PlaybookDocument> bases, DiagnosticBag diagnostics)
    {
        private readonly Dictionary<int, PlaybookDocument?> _merged = [];

        private static string? IdOf(PlaybookDocument d) => d.Root is YamlMap m && m["id"] is YamlScalar { IsNull: false } s ? s.Value : null;

        /// <summary>Extends without a new id: keeps the base's id and takes its place.</summary>
        public bool IsReplacer(int i) => ExtendsOf(documents[i]) is { } e && (IdOf(documents[i]) is not { } id || id == e.Value);

        /// <summary>The loaded document that <paramref name="id"/> names as a base for document <paramref name="self"/>: one that declares the id and does not itself replace.</summary>
        public int? LoadedBase(int self, string id)
        {
            for (var j = 0; j < documents.Count; j++)
            {
                if (j != self && IdOf(documents[j]) == id && !IsReplacer(j)) return j;
            }
            return null;
        }

        public PlaybookDocument? Resolve(int i, HashSet<int> visiting)
        {
            if (_merged.TryGetValue(i, out var done)) return done;
            var document = documents[i];
            var extends = ExtendsOf(document)!;
            if (!visiting.Add(i))
            {
                diagnostics.Error(extends.Position, Codes.ExtendsCycle, $"'extends: {extends.Value}' leads back to this playbook (a cycle)",
                    "a playbook cannot extend itself, directly or through another; extend the original playbook");
                return null;
            }
            PlaybookDocument? baseDocument;
            if (LoadedBase(i, extends.Value) is { } j)
                baseDocument = ExtendsOf(documents[j]) is null ? documents[j] : Resolve(j, visiting);
            else
                baseDocument = bases.FirstOrDefault(b => IdOf(b) == extends.Value);
            visiting.Remove(i);
            if (baseDocument is null)
            {
                if (!LoadedBase(i, extends.Value).HasValue)
                {
                    var known = documents.Where((_, k) => k != i).Select(IdOf).Concat(bases.Select(IdOf)).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
                    diagnostics.Error(extends.Position, Codes.ExtendsUnknownBase, $"'extends: {extends.Value}' names no playbook loaded or built in",
                        Suggest.Closest(extends.Value, known) is { } near ? $"did you mean '{near}'?" : "name a playbook id of the built-in pack (netbufrules explain ID) or of a pack given beside this one");
                }
                _merged[i] = null;
                return null;
            }
            var merged = PlaybookMerge.One(document, baseDocument, diagnostics);
            _merged[i] = merged;
            return merged;
        }
    }
}
