using System.Text.RegularExpressions;
using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Load.Extends;

/// <summary>One extending document over its (already resolved) base: the merged tree, the drops, the checks, and where each part came from.</summary>
internal static class PlaybookMerge
{
    /// <summary>Keys whose scalars name probes and params: conditions, messages, templates, paths, filters, metric values.</summary>
    private static readonly HashSet<string> TextKeys = new(StringComparer.Ordinal) { "if", "message", "template", "path", "where", "each", "value" };

    /// <summary>The merged document, or null when <paramref name="baseDocument"/> is not a playbook map (its own diagnostics say why).</summary>
    public static PlaybookDocument? One(PlaybookDocument document, PlaybookDocument baseDocument, DiagnosticBag diagnostics)
    {
        if (document.Root is not YamlMap team || baseDocument.Root is not YamlMap @base) return null;
        var file = document.File;
        var baseId = (@base["id"] as YamlScalar)?.Value ?? "?";
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        foreach (var (key, baseValue) in @base.Entries)
        {
            if (MergeRules.Directives.Contains(key.Value)) continue;
            if (team.Entries.FirstOrDefault(e => e.Key.Value == key.Value) is { Key: not null } own)
            {
                var combined = MergeRules.Combine(key.Value, baseValue, own.Value, (probe, at) =>
                    diagnostics.Error(probe.Position, Codes.ExtendsChangesProbe, $"'{probe.Value}' is a probe of '{baseId}' ({at}); an extending playbook cannot change a base's probe",
                        $"the base's conditions, messages and fixes read that probe as the base defines it; add yours under a new name, or drop the base's with 'drop: {{probes: [{probe.Value}]}}' and the signals that read it"));
                // A value replaced whole is the extending file's, key and all; a merged one stays at the base's key.
                entries.Add(new(ReferenceEquals(combined, own.Value) ? own.Key : key, combined));
            }
            else
            {
                entries.Add(new(key, baseValue));
            }
        }
        entries.AddRange(team.Entries.Where(e => !MergeRules.Directives.Contains(e.Key.Value) && @base[e.Key.Value] is null));
        CheckParams(team, @base, baseId, diagnostics);
        var dropped = Drop(team["drop"], entries, baseId, diagnostics);
        CheckDroppedReferences(entries, dropped, diagnostics);
        var merged = new YamlMap(team.Position, entries);
        var lines = new Dictionary<string, string[]>(baseDocument.Lines, StringComparer.Ordinal);
        foreach (var (f, l) in document.Lines) lines[f] = l;
        var bases = new List<PlaybookBase> { new(baseId, baseDocument.File) };
        bases.AddRange(baseDocument.Origin?.Bases ?? []);
        return new PlaybookDocument(file, merged, lines) { Origin = new PlaybookOrigin(bases, Parts(merged, file, dropped)) };
    }

    /// <summary>A param the extending file sets must be one of the base's, unless its own additions use it (then it is a new param).</summary>
    private static void CheckParams(YamlMap team, YamlMap @base, string baseId, DiagnosticBag diagnostics)
    {
        if (team["params"] is not YamlMap own) return;
        var baseParams = (@base["params"] as YamlMap)?.Entries.Select(e => e.Key.Value).ToList() ?? [];
        var ownTexts = team.Entries.Where(e => e.Key.Value is not "params" and not "drop").SelectMany(e => TextsOf(e.Value)).ToList();
        foreach (var (key, _) in own.Entries.Where(e => !baseParams.Contains(e.Key.Value)))
        {
            if (ownTexts.Any(t => Names(t.Value, key.Value))) continue;
            diagnostics.Error(key.Position, Codes.ExtendsUnknownParam, $"'{key.Value}' is not a param of '{baseId}', and nothing this file adds uses it",
                Suggest.Closest(key.Value, baseParams) is { } near ? $"did you mean '{near}'?"
                    : $"the params of '{baseId}' are: {(baseParams.Count == 0 ? "(none)" : string.Join(", ", baseParams))}");
        }
    }

    /// <summary>Applies <c>drop:</c> to the merged entries; each name must exist. Gives the dropped probes and params with where the drop says so.</summary>
    private static List<(string Kind, string Name, YamlScalar At)> Drop(YamlNode? node, List<KeyValuePair<YamlScalar, YamlNode>> entries, string baseId, DiagnosticBag diagnostics)
    {
        var dropped = new List<(string, string, YamlScalar)>();
        if (node is null or YamlScalar { IsNull: true }) return dropped;
        if (node is not YamlMap drop)
        {
            diagnostics.Error(node.Position, Codes.WrongType, $"'drop' must be a map, got {node.Kind}", "write e.g. 'drop: { when: [CONDITION or name], fix: [PATH], probes: [name] }'");
            return dropped;
        }
        foreach (var (key, value) in drop.Entries)
        {
            if (!MergeRules.Droppable.Contains(key.Value))
            {
                diagnostics.Error(key.Position, Codes.UnknownKey, $"unknown key '{key.Value}' in 'drop'", Suggest.Hint(key.Value, [.. MergeRules.Droppable]));
                continue;
            }
            var at = entries.FindIndex(e => e.Key.Value == key.Value);
            foreach (var item in MergeRules.Items(value))
            {
                if (item is not YamlScalar name)
                {
                    diagnostics.Error(item.Position, Codes.WrongType, $"each item of 'drop: {key.Value}' must be a name, got {item.Kind}", "a probe, param or metric name, a signal's name or condition, a fix's path");
                    continue;
                }
                var wanted = MergeRules.Fold(name.Value);
                var (found, names) = at < 0 ? (false, new List<string>()) : Remove(key.Value, entries, at, wanted);
                if (!found)
                {
                    diagnostics.Error(name.Position, Codes.ExtendsDropsMissing, $"'{name.Value}' is not in '{key.Value}' of '{baseId}', so there is nothing to drop",
                        Suggest.Closest(wanted, names) is { } near ? $"did you mean '{near}'?" : names.Count == 0 ? $"'{baseId}' has no '{key.Value}'" : $"'{key.Value}' of '{baseId}' holds: {string.Join(" | ", names)}");
                    continue;
                }
                dropped.Add((key.Value, wanted, name));
            }
        }
        return dropped;
    }

    private static (bool Found, List<string> Names) Remove(string key, List<KeyValuePair<YamlScalar, YamlNode>> entries, int at, string wanted)
    {
        var (entryKey, value) = entries[at];
        if (value is YamlMap map)
        {
            var names = map.Entries.Select(e => e.Key.Value).ToList();
            if (!names.Contains(wanted)) return (false, names);
            entries[at] = new(entryKey, new YamlMap(map.Position, [.. map.Entries.Where(e => e.Key.Value != wanted)]));
            return (true, names);
        }
        var items = MergeRules.Items(value);
        var itemNames = items.Select(i => MergeRules.NameOf(key, i)).OfType<string>().ToList();
        var keep = items.Where(i => !MergeRules.AliasesOf(key, i).Contains(wanted, StringComparer.Ordinal)).ToList();
        if (keep.Count == items.Count) return (false, itemNames);
        entries[at] = new(entryKey, new YamlList(value.Position, keep));
        return (true, itemNames);
    }

    /// <summary>What remains must not read a probe or param that <c>drop</c> removed: each such text is an error at its own place.</summary>
    private static void CheckDroppedReferences(List<KeyValuePair<YamlScalar, YamlNode>> entries, List<(string Kind, string Name, YamlScalar At)> dropped, DiagnosticBag diagnostics)
    {
        var gone = dropped.Where(d => d.Kind is "probes" or "params").ToList();
        if (gone.Count == 0) return;
        var texts = entries.Where(e => e.Key.Value is "when" or "advise_when" or "fix" or "probes" or "metrics").SelectMany(e => TextsOf(e.Value))
            .Concat(entries.Where(e => e.Key.Value == "requires").SelectMany(e => MergeRules.Scalars(e.Value)));
        foreach (var text in texts)
        {
            foreach (var (kind, name, at) in gone.Where(g => Names(text.Value, g.Name)))
            {
                diagnostics.Error(text.Position, Codes.ExtendsDroppedReference,
                    $"this still reads {(kind == "probes" ? "probe" : "param")} '{name}', which 'drop' removes at {at.Position.File}:{at.Position.Line}:{at.Position.Column}",
                    "drop what reads it too (a signal by its condition or name, a fix by its path), or keep it");
            }
        }
    }

    /// <summary>The condition, message, template, path, filter and metric scalars below a node.</summary>
    private static IEnumerable<YamlScalar> TextsOf(YamlNode node) => node switch
    {
        YamlScalar s => [s],
        YamlList l => l.Items.SelectMany(TextsOf),
        YamlMap m => m.Entries.SelectMany(e => e.Value is YamlScalar s && TextKeys.Contains(e.Key.Value) ? [s] : e.Value is YamlScalar ? [] : TextsOf(e.Value)),
        _ => [],
    };

    /// <summary>Whether an expression or template names <paramref name="name"/> (also as rate.NAME or delta.NAME, never as a member after a dot).</summary>
    private static bool Names(string text, string name) =>
        text.Contains(name, StringComparison.Ordinal)
        && Regex.IsMatch(text, $@"(?:(?<![\w.])|(?<=\b(?:rate|delta)\.)){Regex.Escape(name)}(?!\w)", RegexOptions.CultureInvariant);

    /// <summary>Each part of the merged playbook with where its text stands, and each drop.</summary>
    private static List<PartOrigin> Parts(YamlMap merged, string file, List<(string Kind, string Name, YamlScalar At)> dropped)
    {
        var parts = new List<PartOrigin>();
        foreach (var (key, value) in merged.Entries)
        {
            switch (key.Value)
            {
                case "params" or "probes" or "metrics" when value is YamlMap map:
                    parts.AddRange(map.Entries.Select(e => new PartOrigin($"{key.Value}.{e.Key.Value}", e.Key.Position, e.Key.Position.File == file)));
                    break;
                case "when" or "advise_when" or "fix":
                    parts.AddRange(MergeRules.Items(value).Select(i => MergeRules.Touches(i, file)
                        ? new PartOrigin($"{key.Value}: {MergeRules.NameOf(key.Value, i)}", i.Position.File == file ? i.Position : MergeRules.Scalars(i).First(s => s.Position.File == file).Position, true)
                        : new PartOrigin($"{key.Value}: {MergeRules.NameOf(key.Value, i)}", i.Position, false)));
                    break;
                case "apiVersion":
                    break;
                default:
                    parts.Add(new PartOrigin(key.Value, value.Position, MergeRules.Touches(value, file)));
                    break;
            }
        }
        parts.AddRange(dropped.Select(d => new PartOrigin($"dropped {d.Kind}: {d.Name}", d.At.Position, true)));
        return parts;
    }
}
