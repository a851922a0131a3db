using System.Globalization;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Primitives;

namespace NetBufRules.Params;

/// <summary>
/// Param values a team sets without copying a playbook: <c>name=value</c> for every playbook that declares the name,
/// <c>id.name=value</c> for one playbook.
/// </summary>
internal sealed class ParamOverrides
{
    private readonly List<(string? PlaybookId, string Name, object Value, string Origin)> _items = [];

    /// <summary>Origins of items read from values files: a playbook or param they name that is not loaded is a warning there.</summary>
    private readonly HashSet<string> _fromFiles = new(StringComparer.Ordinal);

    private readonly List<string> _disabled = [];

    /// <summary>Id globs the values files disable (<c>disable: [id, ...]</c>, a team's profile).</summary>
    public IReadOnlyList<string> Disabled => _disabled;

    /// <summary>Adds <c>[id.]name=value</c> from the command line.</summary>
    public void AddAssignment(string assignment)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new ParamOverrideException($"--set '{assignment}': expected name=value or playbook-id.name=value");
        var target = assignment[..eq].Trim();
        var dot = target.LastIndexOf('.');
        var id = dot > 0 ? target[..dot] : null;
        var name = dot > 0 ? target[(dot + 1)..] : target;
        _items.Add((id, name, Finite(Parse(assignment[(eq + 1)..].Trim()), $"--set '{assignment}'"), $"--set {assignment}"));
    }

    /// <summary>Adds a values file: top-level scalars apply to every playbook, a playbook id maps to its own params.</summary>
    public void AddValuesFile(string file)
    {
        if (!File.Exists(file)) throw new ParamOverrideException($"values file '{file}' does not exist");
        var diagnostics = new Diagnostics.DiagnosticBag();
        string text;
        try
        {
            text = BoundedFile.ReadText(file, Limits.YamlFileBytes);
        }
        catch (BoundedFileException e)
        {
            throw new ParamOverrideException($"values file {e.Message}");
        }
        var root = YamlTreeReader.Read(file, text, diagnostics);
        if (diagnostics.HasErrors) throw new ParamOverrideException(string.Join(Environment.NewLine, diagnostics.Items));
        if (root is not YamlMap map) throw new ParamOverrideException($"{file}:1:1: a values file must be a map of param: value or playbook-id: {{ param: value }}");
        var before = _items.Count;
        foreach (var (key, value) in map.Entries)
        {
            switch (value)
            {
                case YamlList list when key.Value == "disable":
                    foreach (var item in list.Items)
                    {
                        if (item is not YamlScalar { IsNull: false } id) throw new ParamOverrideException($"{item.Position}: each item of 'disable' is a playbook id (or a glob such as tcp-*)");
                        _disabled.Add(id.Value);
                    }
                    break;
                case YamlScalar scalar:
                    _items.Add((null, key.Value, Finite(NodeReader.ParamValue(scalar), $"{scalar.Position}"), $"{key.Position}"));
                    break;
                case YamlMap inner:
                    foreach (var (k, v) in inner.Entries)
                    {
                        if (v is not YamlScalar s) throw new ParamOverrideException($"{v.Position}: param '{k.Value}' must be a single value");
                        _items.Add((key.Value, k.Value, Finite(NodeReader.ParamValue(s), $"{s.Position}"), $"{k.Position}"));
                    }
                    break;
                default:
                    throw new ParamOverrideException($"{value.Position}: '{key.Value}' must be a value or a map of params (or 'disable: [ids]')");
            }
        }
        foreach (var item in _items.Skip(before)) _fromFiles.Add(item.Origin);
    }

    /// <summary>
    /// Values-file entries that name a playbook, or a param, that nothing loaded has: one team file serves a full run
    /// and a team-only run, so these are warnings (errors under <c>--strict</c>), never silently applied elsewhere.
    /// </summary>
    public IReadOnlyList<string> Warnings(IReadOnlyList<Playbook> playbooks) => [.. Problems(playbooks).Where(p => p.NotLoaded && _fromFiles.Contains(p.Origin)).Select(p => p.Text)];

    /// <summary>Every override that names no param or playbook of <paramref name="playbooks"/>, or has the wrong type.</summary>
    public IReadOnlyList<string> Check(IReadOnlyList<Playbook> playbooks) =>
        [.. Problems(playbooks).Where(p => !(p.NotLoaded && _fromFiles.Contains(p.Origin))).Select(p => p.Text)];

    private List<(string Origin, bool NotLoaded, string Text)> Problems(IReadOnlyList<Playbook> playbooks)
    {
        var problems = new List<(string Origin, bool NotLoaded, string Text)>();
        foreach (var (id, name, value, origin) in _items)
        {
            var targets = id is null ? playbooks : playbooks.Where(p => p.Id == id).ToList();
            if (id is not null && targets.Count == 0)
            {
                problems.Add((origin, true, $"{origin}: no playbook '{id}' is loaded ({Suggest.Hint(id, [.. playbooks.Select(p => p.Id)])})"));
                continue;
            }
            var declared = targets.Select(p => p.Param(name)).OfType<ParamSpec>().ToList();
            if (declared.Count == 0)
            {
                var known = targets.SelectMany(p => p.Params.Select(x => x.Name)).Distinct().ToList();
                problems.Add((origin, id is null, $"{origin}: no loaded playbook{(id is null ? "" : $" '{id}'")} has a param '{name}' ({Suggest.Hint(name, known)})"));
                continue;
            }
            foreach (var param in declared.Where(p => p.Value.GetType() != value.GetType()))
                problems.Add((origin, false, $"{origin}: param '{name}' takes a {TypeWord(param.Value)} (default {ScalarText.Format(param.Value)}), got '{ScalarText.Format(value)}'"));
        }
        return problems;
    }

    /// <summary>The params of <paramref name="playbook"/> with overrides applied (later ones win, a playbook-specific one over a global one).</summary>
    public IReadOnlyDictionary<string, object> Resolve(Playbook playbook)
    {
        var result = playbook.Params.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        foreach (var (_, name, value, _) in _items.Where(i => i.PlaybookId is null && result.ContainsKey(i.Name))) result[name] = value;
        foreach (var (_, name, value, _) in _items.Where(i => i.PlaybookId == playbook.Id && result.ContainsKey(i.Name))) result[name] = value;
        return result;
    }

    private static object Parse(string text) => ScalarText.Type(text);

    /// <summary>NaN would turn every comparison false (a check silently off) and Infinity would render into a fix: neither is a threshold.</summary>
    private static object Finite(object value, string origin) =>
        value is double d && !double.IsFinite(d)
            ? throw new ParamOverrideException($"{origin}: '{d.ToString(CultureInfo.InvariantCulture)}' is not a finite number (NaN, Infinity and values beyond ±1.8e308 are refused)")
            : value;

    private static string TypeWord(object value) => value switch { double => "number", bool => "true/false", _ => "text" };
}
