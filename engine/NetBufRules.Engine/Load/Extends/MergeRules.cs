using NetBufRules.Diagnostics;

namespace NetBufRules.Load.Extends;

/// <summary>
/// How an extending playbook's keys combine with its base's, on the YAML trees (README "Extending a playbook"):
/// maps merge by key, lists of named items merge by name, lists of words are joined, any other value replaces.
/// Every node keeps the file, line and column it was read at, so diagnostics point at the base or the team file.
/// </summary>
internal static class MergeRules
{
    /// <summary>Maps whose entries merge by key, the extending file's value replacing the base's whole.</summary>
    public static readonly IReadOnlySet<string> KeyedMaps = new HashSet<string>(StringComparer.Ordinal) { "params", "metrics", "probes" };

    /// <summary>Lists of named items (a signal by its <c>name</c> or condition, a fix by its path): a same-named item merges key by key, a new one is added.</summary>
    public static readonly IReadOnlySet<string> NamedLists = new HashSet<string>(StringComparer.Ordinal) { "when", "advise_when", "fix" };

    /// <summary>Lists of words: the base's first, then the extending file's new ones.</summary>
    public static readonly IReadOnlySet<string> WordLists = new HashSet<string>(StringComparer.Ordinal) { "tags", "see_also", "requires", "explained_by" };

    /// <summary>What <c>drop:</c> may remove from the base, by name.</summary>
    public static readonly IReadOnlyList<string> Droppable = ["when", "advise_when", "fix", "probes", "params", "metrics", "tags", "see_also", "requires", "explained_by"];

    /// <summary>Keys of the extending file that steer the merge and are not part of the merged playbook.</summary>
    public static readonly IReadOnlySet<string> Directives = new HashSet<string>(StringComparer.Ordinal) { "extends", "drop" };

    /// <summary>The name an item of a named list goes by: a signal's <c>name</c> (else its condition, blanks folded), a fix's <c>path</c>, a word itself.</summary>
    public static string? NameOf(string list, YamlNode item) => item switch
    {
        YamlScalar s => Fold(s.Value),
        YamlMap m when list == "fix" => (m["path"] as YamlScalar)?.Value,
        YamlMap m when WordLists.Contains(list) => (m["id"] as YamlScalar)?.Value,
        YamlMap m => (m["name"] as YamlScalar)?.Value ?? (m["if"] is YamlScalar c ? Fold(c.Value) : null),
        _ => null,
    };

    /// <summary>Other names an item also answers to: a named signal still answers to its condition.</summary>
    public static IEnumerable<string> AliasesOf(string list, YamlNode item)
    {
        if (NameOf(list, item) is { } name) yield return name;
        if (list != "fix" && item is YamlMap m && m["name"] is not null && m["if"] is YamlScalar c) yield return Fold(c.Value);
    }

    /// <summary>A condition with its whitespace folded, so line breaks and indentation do not change its name.</summary>
    public static string Fold(string text) => string.Join(' ', text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A list value, where a single scalar (<c>when: "cond"</c>, the shorthand) counts as a list of one.</summary>
    public static IReadOnlyList<YamlNode> Items(YamlNode node) => node switch
    {
        YamlList l => l.Items,
        YamlScalar { IsNull: true } => [],
        _ => [node],
    };

    /// <summary>Base and extension of one top-level key, combined by the key's rule.</summary>
    public static YamlNode Combine(string key, YamlNode baseValue, YamlNode extension, Action<YamlScalar, string> changedProbe)
    {
        if (KeyedMaps.Contains(key) && baseValue is YamlMap bm && extension is YamlMap em)
        {
            var entries = bm.Entries.ToList();
            foreach (var entry in em.Entries)
            {
                var at = entries.FindIndex(e => e.Key.Value == entry.Key.Value);
                if (at < 0)
                    entries.Add(entry);
                else if (key == "probes")
                    changedProbe(entry.Key, entries[at].Key.Position.ToString());
                else
                    entries[at] = entry;
            }
            return new YamlMap(bm.Position, entries);
        }
        if (NamedLists.Contains(key) && baseValue is YamlList or YamlScalar { IsNull: false } && extension is YamlList or YamlScalar { IsNull: false })
        {
            var items = Items(baseValue).ToList();
            foreach (var item in Items(extension))
            {
                var name = NameOf(key, item);
                var at = name is null ? -1 : items.FindIndex(b => AliasesOf(key, b).Contains(name, StringComparer.Ordinal));
                if (at < 0)
                    items.Add(item);
                else
                    items[at] = item is YamlMap im && items[at] is YamlMap bim ? MergeShallow(bim, im) : item;
            }
            return new YamlList(baseValue.Position, items);
        }
        if (WordLists.Contains(key) && baseValue is YamlList bl && extension is YamlList el)
        {
            var names = bl.Items.Select(i => NameOf(key, i)).ToHashSet(StringComparer.Ordinal);
            return new YamlList(bl.Position, [.. bl.Items, .. el.Items.Where(i => !names.Contains(NameOf(key, i)))]);
        }
        return extension;
    }

    /// <summary>One item over another: the extending item's keys replace the base item's, the others stay.</summary>
    private static YamlMap MergeShallow(YamlMap baseItem, YamlMap extension)
    {
        var entries = baseItem.Entries.ToList();
        foreach (var entry in extension.Entries)
        {
            var at = entries.FindIndex(e => e.Key.Value == entry.Key.Value);
            if (at < 0) entries.Add(entry);
            else entries[at] = entry;
        }
        return new YamlMap(baseItem.Position, entries);
    }

    /// <summary>Every scalar below <paramref name="node"/>, for the reference and provenance checks.</summary>
    public static IEnumerable<YamlScalar> Scalars(YamlNode? node) => node switch
    {
        YamlScalar s => [s],
        YamlList l => l.Items.SelectMany(Scalars),
        YamlMap m => m.Entries.SelectMany(e => Scalars(e.Value)),
        _ => [],
    };

    /// <summary>Whether <paramref name="node"/> (or anything below it) was read from <paramref name="file"/>.</summary>
    public static bool Touches(YamlNode node, string file) =>
        node.Position.File == file || Scalars(node).Any(s => s.Position.File == file);

    /// <summary>The position of a named item for messages.</summary>
    public static SourcePosition At(YamlNode node) => node.Position;
}
