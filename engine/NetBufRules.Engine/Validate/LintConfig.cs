using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Policy;

namespace NetBufRules.Validate;

/// <summary>
/// A repository's policy settings in <c>.netbufrules.yaml</c> (found beside the playbooks or in a parent folder, or
/// named with <c>--config</c>): <c>allow_commands</c> declares extra probe tools, each with its read-only grammar,
/// <c>allow_fix_dirs</c> extra drop-in folders fixes may write. run, collect, test and lint all use the result.
/// </summary>
internal static class LintConfig
{
    private static readonly string[] ConfigKeys = ["allow_commands", "allow_fix_dirs", "exclude"];

    public const string FileName = SafetyPolicy.ConfigFileName;

    private const string ToolExample = "allow_commands: {mytool: ['mytool --stats [--json]']}";

    /// <summary>The config file for <paramref name="paths"/>: the first found in a path or its parents, or null.</summary>
    public static string? Find(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var dir = Directory.Exists(path) ? new DirectoryInfo(Path.GetFullPath(path)) : new FileInfo(Path.GetFullPath(path)).Directory;
            for (; dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, FileName);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>The policy: the defaults plus what <paramref name="file"/> allows; problems go to <paramref name="diagnostics"/>.</summary>
    public static SafetyPolicy Load(string? file, DiagnosticBag diagnostics) => LoadConfig(file, diagnostics).Policy;

    /// <summary>The whole config: the policy and the path globs folder scans pass over (<c>exclude</c>).</summary>
    public static RepositoryConfig LoadConfig(string? file, DiagnosticBag diagnostics)
    {
        var policy = LoadPolicy(file, diagnostics, out var exclude);
        return new RepositoryConfig(policy, exclude, file);
    }

    private static SafetyPolicy LoadPolicy(string? file, DiagnosticBag diagnostics, out IReadOnlyList<string> exclude)
    {
        exclude = [];
        var policy = SafetyPolicy.Default;
        if (file is null) return policy;
        var text = File.ReadAllText(file);
        var root = YamlTreeReader.Read(file, text, diagnostics);
        if (root is null) return policy;
        var reader = new NodeReader(text.Split('\n'), diagnostics);
        var map = reader.Map(root, "the repository config");
        if (map is null) return policy;
        reader.CheckKeys(map, "the repository config", ConfigKeys);
        exclude = [.. reader.Strings(map["exclude"], "'exclude'")];
        var tools = new Dictionary<string, ToolGrammar>(policy.Tools, StringComparer.Ordinal);
        foreach (var tool in Tools(map["allow_commands"], reader, diagnostics)) tools[tool.Program] = tool;
        var dirs = new List<string>(policy.AllowedFixDirectories);
        if (reader.List(map["allow_fix_dirs"], "'allow_fix_dirs'") is { } list)
        {
            foreach (var item in list.Items)
            {
                if (reader.Scalar(item, "each item of 'allow_fix_dirs'") is not { } dir) continue;
                if (FixDirectoryRule.Check(dir.Value) is { } why)
                    diagnostics.Error(dir.Position, Codes.BadConfig, $"fix folder '{dir.Value}' {why}", "allow a drop-in folder of the service itself, e.g. /etc/nginx/conf.d/");
                else
                    dirs.Add(dir.Value);
            }
        }
        return new SafetyPolicy(tools, dirs);
    }

    private static IEnumerable<ToolGrammar> Tools(YamlNode? node, NodeReader reader, DiagnosticBag diagnostics)
    {
        if (node is null) yield break;
        if (node is YamlList list)
        {
            diagnostics.Error(list.Position, Codes.BadToolGrammar, "'allow_commands' names tools without their grammar",
                $"declare each tool with the forms it may be run in: {ToolExample}");
            yield break;
        }
        if (reader.Map(node, "'allow_commands'") is not { } map) yield break;
        foreach (var (key, value) in map.Entries)
        {
            var name = key.Value;
            if (ProgramFamilies.RunsCode(name))
            {
                diagnostics.Error(key.Position, Codes.BadConfig, $"'{name}' runs code given to it and cannot be allowed", "allow the tool itself, not a shell, interpreter or wrapper");
                continue;
            }
            if (name.Length == 0 || name.Contains('/') || name.StartsWith('-') || name.StartsWith('.') || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            {
                diagnostics.Error(key.Position, Codes.BadConfig, $"'{name}' is not a program name", $"name the program only; probes find it on {ProbePath.System}");
                continue;
            }
            if (SafetyPolicy.Default.Tools.ContainsKey(name))
            {
                diagnostics.Error(key.Position, Codes.BadToolGrammar, $"'{name}' is built in; a repository config cannot change its read-only grammar",
                    $"use one of its forms: {SafetyPolicy.Default.Tools[name].Forms[0].Text}");
                continue;
            }
            if (ProbePath.Resolve(name, ProbePath.System) is (null, { } problem) && !problem.Contains("not found", StringComparison.Ordinal))
            {
                diagnostics.Error(key.Position, Codes.BadConfig, $"'{name}' cannot be allowed: {problem}", "install the tool where only root can write, e.g. /usr/bin");
                continue;
            }
            var forms = new List<CommandForm>();
            var items = reader.List(value, $"the forms of '{name}'");
            if (items is null || items.Items.Count == 0)
            {
                diagnostics.Error(key.Position, Codes.BadToolGrammar, $"'{name}' has no forms", $"list the command lines it may run: {ToolExample}");
                continue;
            }
            foreach (var item in items.Items)
            {
                if (reader.Scalar(item, $"each form of '{name}'") is not { } text) continue;
                var form = CommandForm.Parse(text.Value, out var error);
                if (form is null)
                    diagnostics.Error(text.Position, Codes.BadToolGrammar, $"form '{text.Value}' of '{name}': {error}", "words, <kind> values, -{abc} flags, [optional], (a|b), and ... for repeats");
                else if (form.Program != name)
                    diagnostics.Error(text.Position, Codes.BadToolGrammar, $"form '{text.Value}' is for '{form.Program}', not '{name}'", $"start it with {name}");
                else
                    forms.Add(form);
            }
            if (forms.Count > 0) yield return new ToolGrammar(name, forms, new Dictionary<string, string>(StringComparer.Ordinal), []);
        }
    }
}
