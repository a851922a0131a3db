using System.Globalization;
using System.Text.RegularExpressions;
using NetBufRules.Diagnostics;
using NetBufRules.Model;
using NetBufRules.Primitives;

namespace NetBufRules.Load;

/// <summary>Turns one playbook's YAML text into a <see cref="Playbook"/>, collecting every problem.</summary>
internal static class PlaybookParser
{
    public const string ApiVersion = "netbufrules/v1";

    private static readonly string[] TopKeys =
        ["apiVersion", "id", "title", "severity", "tags", "summary", "params", "probes", "requires", "when", "advise_when", "fix", "why", "see_also", "explained_by", "metrics", "for", "clear_after", "extends", "drop"];
    private static readonly string[] ProbeKeys =
        ["description", "counter", "timeout", "command", "file", "sysctl", "processes", "drop_reasons", "extract", "fallback", "where", "key", "gauges", "absent", "unusable_if", "each"];
    private static readonly string[] AlternativeKeys = ["command", "file", "sysctl", "processes", "drop_reasons", "extract", "unusable_if"];
    private static readonly string[] ExtractKeys = ["text", "json", "json_rows", "columns", "snmp", "regex", "all", "table", "skip", "hex", "fields", "lines"];
    private static readonly string[] SignalKeys = ["if", "message", "name"];
    private static readonly string[] SymptomKeys = ["if", "message", "ok", "name"];
    private static readonly string[] FixKeys = ["path", "template", "then", "if", "each"];
    private static readonly string[] ProcessesKeys = ["netns"];
    private static readonly string[] SourceKinds = ["command", "file", "sysctl", "processes", "drop_reasons"];
    private static readonly string[] DropReasonsIgnored = ["counter", "key", "extract"];
    private static readonly string[] ExtractKinds = ["text", "json", "json_rows", "snmp", "regex", "table", "fields", "lines"];
    private static readonly Regex IdPattern = new("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex NamePattern = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    /// <summary>The default per-probe timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Parses <paramref name="text"/> as far as it goes; null only when it is not a YAML map at all. Check the diagnostics before running it.</summary>
    public static Playbook? Parse(string file, string text, DiagnosticBag diagnostics) => Parse(file, text, diagnostics, out _);

    /// <summary>As <see cref="Parse(string, string, DiagnosticBag)"/>, also giving the YAML tree (for the schema check).</summary>
    public static Playbook? Parse(string file, string text, DiagnosticBag diagnostics, out YamlNode? root)
    {
        root = YamlTreeReader.Read(file, text, diagnostics);
        if (root is null)
        {
            if (!diagnostics.HasErrors)
                diagnostics.Error(new SourcePosition(file, 1, 1), Codes.MissingKey, "the playbook is empty", "start from a playbook in playbooks/");
            return null;
        }
        return Parse(new NodeReader(text.Split('\n'), diagnostics), root);
    }

    /// <summary>Parses a document already read as a tree, e.g. an extended playbook merged from several files (Load/Extends).</summary>
    public static Playbook? Parse(Extends.PlaybookDocument document, DiagnosticBag diagnostics)
    {
        var lines = document.Lines.GetValueOrDefault(document.File) ?? [];
        var playbook = Parse(new NodeReader(lines, diagnostics) { FileLines = document.Lines }, document.Root);
        return playbook is null || document.Origin is null ? playbook : playbook with { Origin = document.Origin };
    }

    private static Playbook? Parse(NodeReader r, YamlNode root)
    {
        var diagnostics = r.Diagnostics;
        var map = r.Map(root, "a playbook");
        if (map is null) return null;
        r.CheckKeys(map, "the playbook", TopKeys);
        // A resolved extends: is merged away before parsing (Load/Extends); one still here is not a single id.
        if (map["extends"] is { } extends)
            diagnostics.Error(extends.Position, Codes.WrongType, $"'extends' must be one playbook id, got {extends.Kind}", "write e.g. 'extends: tcp-backlog'");
        if (map["drop"] is { } drop && map["extends"] is null)
            diagnostics.Error(drop.Position, Codes.InvalidValue, "'drop' without 'extends' has nothing to drop from", "add 'extends: BASE_ID', or remove what you meant to drop from this playbook itself");

        var api = r.RequiredString(map, "apiVersion", "the playbook");
        if (api.Length > 0 && api != ApiVersion)
            diagnostics.Error(map["apiVersion"]!.Position, Codes.InvalidValue, $"unsupported apiVersion '{api}'", $"use 'apiVersion: {ApiVersion}'");

        var id = r.RequiredString(map, "id", "the playbook");
        if (id.Length > 0 && !IdPattern.IsMatch(id))
            diagnostics.Error(map["id"]!.Position, Codes.InvalidValue, $"id '{id}' must be lower-case words joined by '-'", "for example 'tcp-backlog'");
        var title = r.RequiredString(map, "title", "the playbook");
        var severity = ParseSeverity(r, map);
        var probes = ParseProbes(r, map);
        if (map["probes"] is null)
            diagnostics.Error(map.Position, Codes.MissingKey, "the playbook has no 'probes'", "add a 'probes:' map naming what to read from the host");
        else if (probes.Count == 0 && map["probes"] is YamlMap or YamlScalar { IsNull: true })
            diagnostics.Error(map["probes"]!.Position, Codes.MissingKey, "the playbook has no probes", "add at least one probe under 'probes:'");
        var when = ParseSignals(r, map["when"], "'when'", SymptomKeys);
        if (map["when"] is null)
            diagnostics.Error(map.Position, Codes.MissingKey, "the playbook has no 'when'", "add 'when:' with the condition that shows the symptom");
        else if (map["when"] is YamlList { Items.Count: 0 } emptyWhen && map["advise_when"] is null or YamlList { Items.Count: 0 } or YamlScalar { IsNull: true })
            diagnostics.Error(emptyWhen.Position, Codes.NoCondition, "the playbook has no condition: 'when' is empty and there is no 'advise_when', so it can never fire or advise",
                "add the condition that shows the symptom under 'when', or an 'advise_when' for an advice-only playbook ('when: []')");

        var playbook = new Playbook(
            id, title, severity,
            r.Strings(map["tags"], "'tags'"),
            r.String(map["summary"], "'summary'")?.Trim() ?? "",
            ParseParams(r, map["params"]),
            probes,
            r.Strings(map["requires"], "'requires'"),
            when,
            ParseSignals(r, map["advise_when"], "'advise_when'"),
            ParseFixes(r, map["fix"]),
            r.String(map["why"], "'why'")?.Trim() ?? "",
            r.Strings(map["see_also"], "'see_also'"),
            map.Position);
        playbook = playbook with { ExplainedBy = FindingReferenceReader.Read(r, map["explained_by"]), TitlePosition = map["title"]?.Position };
        // Best effort even with errors, so validation can report the rest of the file's problems too.
        return WatchKeysParser.Apply(r, map, playbook);
    }

    private static Severity ParseSeverity(NodeReader r, YamlMap map)
    {
        var node = r.Scalar(map["severity"], "'severity'");
        switch (node?.Value)
        {
            case null: return Severity.Warning;
            case "info": return Severity.Info;
            case "warning": return Severity.Warning;
            case "critical": return Severity.Critical;
            default:
                r.Diagnostics.Error(node.Position, Codes.InvalidValue, $"unknown severity '{node.Value}'", Suggest.Hint(node.Value, ["info", "warning", "critical"]));
                return Severity.Warning;
        }
    }

    private static IReadOnlyList<ParamSpec> ParseParams(NodeReader r, YamlNode? node)
    {
        var map = r.Map(node, "'params'");
        if (map is null) return [];
        if (map.Entries.Count > Limits.ParamsPerPlaybook)
        {
            r.Diagnostics.Error(map.Position, Codes.InvalidValue, $"'params' declares {map.Entries.Count:N0} params, more than the {Limits.ParamsPerPlaybook:N0} one playbook may have",
                "a playbook needs a few thresholds; split it, or keep the params its conditions and templates use");
            return [];
        }
        var result = new List<ParamSpec>();
        foreach (var (key, value) in map.Entries)
        {
            if (!NamePattern.IsMatch(key.Value))
                r.Diagnostics.Error(key.Position, Codes.InvalidValue, $"param name '{key.Value}' is not a valid identifier", "use letters, digits and '_'");
            var scalar = r.Scalar(value, $"param '{key.Value}'");
            if (scalar is null) continue;
            if (scalar.IsNull)
            {
                r.Diagnostics.Error(scalar.Position, Codes.MissingKey, $"param '{key.Value}' has no value", "give it a default value");
                continue;
            }
            if (NodeReader.IsNonFiniteNumber(scalar))
                r.Diagnostics.Error(scalar.Position, Codes.InvalidValue, $"param '{key.Value}' is '{scalar.Value}', not a finite number",
                    "NaN turns every comparison false and Infinity renders into a fix; give a real threshold");
            result.Add(new ParamSpec(key.Value, NodeReader.ParamValue(scalar), r.CommentFor(key.Position), key.Position));
        }
        return result;
    }

    private static IReadOnlyList<ProbeSpec> ParseProbes(NodeReader r, YamlMap playbook)
    {
        var map = r.Map(playbook["probes"], "'probes'");
        if (map is null) return [];
        var result = new List<ProbeSpec>();
        foreach (var (key, value) in map.Entries)
        {
            var where = $"probe '{key.Value}'";
            if (!NamePattern.IsMatch(key.Value))
                r.Diagnostics.Error(key.Position, Codes.InvalidValue, $"probe name '{key.Value}' is not a valid identifier", "use letters, digits and '_'");
            var probe = r.Map(value, where);
            if (probe is null) continue;
            r.CheckKeys(probe, where, ProbeKeys);
            var alternatives = new List<ProbeAlternative>();
            var extract = ParseExtract(r, probe["extract"], where);
            alternatives.AddRange(WithUnusable(r, probe, ParseSources(r, probe, where, extract, required: true)));
            var fallback = r.List(probe["fallback"], $"'fallback' of {where}");
            foreach (var item in fallback?.Items ?? [])
            {
                var alt = r.Map(item, $"a fallback of {where}");
                if (alt is null) continue;
                r.CheckKeys(alt, $"a fallback of {where}", AlternativeKeys);
                var altExtract = alt["extract"] is null ? extract : ParseExtract(r, alt["extract"], where);
                alternatives.AddRange(WithUnusable(r, alt, ParseSources(r, alt, $"a fallback of {where}", altExtract, required: true)));
            }
            var counter = r.Bool(probe["counter"], "'counter'", false);
            IReadOnlyList<string> keyColumns = probe["key"] is YamlList ? r.Strings(probe["key"], "'key'") : r.String(probe["key"], "'key'") is { } k ? [k] : [];
            result.Add(new ProbeSpec(
                key.Value,
                r.String(probe["description"], "'description'"),
                counter,
                ParseTimeout(r, probe["timeout"]),
                alternatives,
                r.Text(probe["where"], "'where'"),
                keyColumns,
                r.String(probe["absent"], "'absent'")?.Trim(),
                key.Position)
            {
                Each = r.String(probe["each"], "'each'"),
                Gauges = GaugesParser.Parse(r, probe["gauges"], where, counter, keyColumns, alternatives),
            });
        }
        return result;
    }

    private static IEnumerable<ProbeAlternative> WithUnusable(NodeReader r, YamlMap map, IEnumerable<ProbeAlternative> alternatives)
    {
        var pattern = r.Scalar(map["unusable_if"], "'unusable_if'");
        if (pattern is null) return alternatives;
        try
        {
            _ = RegexCache.Get(pattern.Value);
        }
        catch (ArgumentException e)
        {
            r.Diagnostics.Error(pattern.Position, Codes.BadRegex, $"invalid regex: {e.Message}", "check brackets and escapes");
        }
        return alternatives.Select(a => a with { UnusableIf = pattern.Value }).ToList();
    }

    private static IEnumerable<ProbeAlternative> ParseSources(NodeReader r, YamlMap map, string where, ExtractSpec extract, bool required)
    {
        var kinds = SourceKinds.Where(k => map[k] is not null).ToList();
        if (kinds.Count == 0)
        {
            if (required)
                r.Diagnostics.Error(map.Position, Codes.MissingKey, $"{where} says nothing to read", "add 'command: [argv]', 'file: /proc/...', 'sysctl: name', 'processes: true' or 'drop_reasons: true'");
            yield break;
        }
        if (kinds.Count > 1)
        {
            r.Diagnostics.Error(map[kinds[1]]!.Position, Codes.InvalidValue, $"{where} has both '{kinds[0]}' and '{kinds[1]}'", "give one source; put others under 'fallback:'");
            yield break;
        }
        var node = map[kinds[0]]!;
        switch (kinds[0])
        {
            case "command":
                var argv = r.Strings(node, "'command'");
                if (argv.Count == 0 || argv[0].Length == 0)
                    r.Diagnostics.Error(node.Position, Codes.InvalidValue, $"the command of {where} is empty", "write it as an argv list: [nstat, -asz, --json]");
                else
                    yield return new ProbeAlternative(new CommandSource(argv), extract, node.Position) { ArgumentPositions = node is YamlList items ? [.. items.Items.Select(i => i.Position)] : [] };
                break;
            case "file":
                var path = r.String(node, "'file'") ?? "";
                if (!path.StartsWith('/'))
                    r.Diagnostics.Error(node.Position, Codes.InvalidValue, $"file '{path}' of {where} must be an absolute path", "for example /proc/net/snmp");
                else
                    yield return new ProbeAlternative(new FileSource(path), extract, node.Position);
                break;
            case "sysctl":
                var name = r.String(node, "'sysctl'") ?? "";
                if (!Regex.IsMatch(name, @"^[a-z0-9_]+(\.[a-zA-Z0-9_-]+)+$", RegexOptions.CultureInvariant))
                {
                    r.Diagnostics.Error(node.Position, Codes.InvalidValue, $"'{name}' is not a sysctl name", "for example net.core.somaxconn");
                    break;
                }
                // The shorthand: /proc/sys first, `sysctl -n` when /proc/sys is not there.
                yield return new ProbeAlternative(new FileSource("/proc/sys/" + name.Replace('.', '/')), extract, node.Position);
                yield return new ProbeAlternative(new CommandSource(["sysctl", "-n", name]), extract, node.Position);
                break;
            case "drop_reasons":
                foreach (var ignored in DropReasonsIgnored.Where(k => map[k] is not null))
                    r.Diagnostics.Warning(map[ignored]!.Position, Codes.DropReasonsIgnores, $"'{ignored}' has no effect on 'drop_reasons', which gives its own table over the sampling window",
                        "remove it; keep rows with 'where:', e.g. where: reason == 'SOCKET_RCVBUFF'");
                if (r.Bool(node, "'drop_reasons'", false))
                    yield return new ProbeAlternative(new DropReasonsSource(), extract with { Kind = ExtractKind.Table, Columns = DropReasonsSource.Columns, Skip = 1 }, node.Position);
                break;
            default:
                if (ParseProcessScope(r, node, where) is { } scope)
                    yield return new ProbeAlternative(new ProcessesSource(scope), extract with { Kind = ExtractKind.Table, Columns = ProcessTableColumns, Skip = 1 }, node.Position);
                break;
        }
    }

    /// <summary><c>processes: true</c> (every process) or <c>processes: {netns: current|auto|all}</c>; null for false or a mistake.</summary>
    private static ProcessScope? ParseProcessScope(NodeReader r, YamlNode node, string where)
    {
        if (node is not YamlMap map) return r.Bool(node, "'processes'", false) ? ProcessScope.All : null;
        r.CheckKeys(map, $"'processes' of {where}", ProcessesKeys);
        if (map["netns"] is not { } netns)
        {
            r.Diagnostics.Error(map.Position, Codes.MissingKey, $"'processes' of {where} has no 'netns'", "write 'processes: {netns: current}' or 'processes: true'");
            return null;
        }
        switch (r.String(netns, "'netns'"))
        {
            case "all": return ProcessScope.All;
            case "current": return ProcessScope.Current;
            case "auto": return ProcessScope.Auto;
            case { } other:
                r.Diagnostics.Error(netns.Position, Codes.InvalidValue, $"'netns: {other}' of {where} is not a process scope", Suggest.Hint(other, ["current", "auto", "all"]));
                return null;
            default: return null;
        }
    }

    /// <summary>The columns of the built-in processes table.</summary>
    public static readonly IReadOnlyList<string> ProcessTableColumns = ["pid", "fds", "soft", "hard", "uid", "unit", "comm..."];

    private static ExtractSpec ParseExtract(NodeReader r, YamlNode? node, string where)
    {
        var map = r.Map(node, $"'extract' of {where}");
        if (map is null) return ExtractSpec.Text;
        r.CheckKeys(map, $"'extract' of {where}", ExtractKeys);
        var kinds = ExtractKinds.Where(k => map[k] is not null).ToList();
        if (kinds.Count != 1)
        {
            r.Diagnostics.Error(map.Position, Codes.InvalidValue,
                kinds.Count == 0 ? $"'extract' of {where} names no extractor" : $"'extract' of {where} names {kinds.Count} extractors",
                "use exactly one of: text, json, json_rows, snmp, regex, table, fields, lines");
            return ExtractSpec.Text;
        }
        var valueNode = map[kinds[0]]!;
        switch (kinds[0])
        {
            case "json":
            case "snmp":
                var kind = kinds[0] == "json" ? ExtractKind.Json : ExtractKind.Snmp;
                if (valueNode is YamlMap fieldMap)
                {
                    var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (k, v) in fieldMap.Entries)
                    {
                        if (!NamePattern.IsMatch(k.Value))
                            r.Diagnostics.Error(k.Position, Codes.InvalidValue, $"field name '{k.Value}' is not a valid identifier", "use letters, digits and '_'");
                        if (r.String(v, $"field '{k.Value}'") is { } p) fields[k.Value] = p;
                    }
                    return new ExtractSpec(kind, Map: fields);
                }
                return new ExtractSpec(kind, Path: r.String(valueNode, $"'{kinds[0]}'"));
            case "json_rows":
                var columns = r.Map(map["columns"], "'columns'");
                if (columns is null)
                {
                    r.Diagnostics.Error(map.Position, Codes.MissingKey, "'json_rows' needs 'columns'", "add 'columns: { name: path.in.row }'");
                    return ExtractSpec.Text;
                }
                return new ExtractSpec(ExtractKind.JsonRows, Path: r.String(valueNode, "'json_rows'"),
                    Map: columns.Entries.ToDictionary(e => e.Key.Value, e => r.String(e.Value, $"column '{e.Key.Value}'") ?? "", StringComparer.Ordinal));
            case "regex":
                var pattern = r.Scalar(valueNode, "'regex'");
                if (pattern is null) return ExtractSpec.Text;
                try
                {
                    _ = RegexCache.Get(pattern.Value);
                }
                catch (ArgumentException e)
                {
                    r.Diagnostics.Error(pattern.Position, Codes.BadRegex, $"invalid regex: {e.Message}", "check brackets and escapes; YAML single quotes keep backslashes as written");
                }
                return new ExtractSpec(ExtractKind.Regex, Path: pattern.Value, All: r.Bool(map["all"], "'all'", false));
            case "table":
                return new ExtractSpec(ExtractKind.Table, Columns: r.Strings(valueNode, "'table'"), Skip: r.Int(map["skip"], "'skip'", 0), Hex: r.Bool(map["hex"], "'hex'", false));
            case "fields":
                return new ExtractSpec(ExtractKind.Fields, Columns: r.Strings(valueNode, "'fields'"));
            case "lines":
                return new ExtractSpec(ExtractKind.Lines);
            default:
                return ExtractSpec.Text;
        }
    }

    private static TimeSpan ParseTimeout(NodeReader r, YamlNode? node)
    {
        var scalar = r.Scalar(node, "'timeout'");
        if (scalar is null) return DefaultTimeout;
        var text = scalar.Value.Trim();
        var factor = 1.0;
        if (text.EndsWith("ms", StringComparison.Ordinal)) { factor = 0.001; text = text[..^2]; }
        else if (text.EndsWith('s')) text = text[..^1];
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 300)
            return TimeSpan.FromSeconds(seconds * factor);
        r.Diagnostics.Error(scalar.Position, Codes.InvalidValue, $"timeout '{scalar.Value}' is not a duration", "write for example 5s or 500ms (at most 300s)");
        return DefaultTimeout;
    }

    private static IReadOnlyList<Signal> ParseSignals(NodeReader r, YamlNode? node, string what, string[]? keys = null)
    {
        if (node is null) return [];
        // Shorthand: a single condition as a string.
        if (node is YamlScalar { IsNull: false } && r.Text(node, what) is { } single)
            return [new Signal(single, null, node.Position)];
        var list = r.List(node, what);
        var result = new List<Signal>();
        foreach (var item in list?.Items ?? [])
        {
            if (item is YamlScalar && r.Text(item, what) is { } text)
            {
                result.Add(new Signal(text, null, item.Position));
                continue;
            }
            var map = r.Map(item, $"each item of {what}");
            if (map is null) continue;
            r.CheckKeys(map, $"an item of {what}", keys ?? SignalKeys);
            if (map["if"] is null)
            {
                r.Diagnostics.Error(map.Position, Codes.MissingKey, $"an item of {what} has no 'if'", "add 'if: <condition>'");
                continue;
            }
            if (r.Text(map["if"], "'if'") is { } condition)
                result.Add(new Signal(condition, r.Text(map["message"], "'message'"), map.Position) { Ok = keys is null ? null : r.Text(map["ok"], "'ok'") });
        }
        return result;
    }

    private static IReadOnlyList<FixSpec> ParseFixes(NodeReader r, YamlNode? node)
    {
        var list = r.List(node, "'fix'");
        var result = new List<FixSpec>();
        foreach (var item in list?.Items ?? [])
        {
            var map = r.Map(item, "each item of 'fix'");
            if (map is null) continue;
            r.CheckKeys(map, "a fix", FixKeys);
            if (map["path"] is null) r.RequiredString(map, "path", "a fix");
            var path = r.Text(map["path"], "'path'");
            var template = r.Text(map["template"], "'template'");
            if (template is null)
            {
                r.Diagnostics.Error(map.Position, Codes.MissingKey, "a fix has no 'template'", "add 'template: |' with the file's content");
                continue;
            }
            if (path is null) continue;
            result.Add(new FixSpec(path, template, r.Strings(map["then"], "'then'"), r.Text(map["if"], "'if'"), r.String(map["each"], "'each'"), map.Position) { ThenPosition = map["then"]?.Position });
        }
        return result;
    }
}
