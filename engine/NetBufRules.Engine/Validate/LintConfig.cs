using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Policy;
using NetBufRules.Primitives;

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
    public static string? Find(IEnumerable<string> paths) => Discover(paths)?.File;

    /// <summary>
    /// The config a scan of <paramref name="paths"/> finds (the first in a path or its parents, up to a folder others
    /// may write, where the search stops) and the path that led to it. Anything by that name counts, a link or a FIFO
    /// too: it is then refused, never passed over in silence.
    /// </summary>
    public static (string File, string Scanned)? Discover(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var dir = Directory.Exists(path) ? new DirectoryInfo(Path.GetFullPath(path)) : new FileInfo(Path.GetFullPath(path)).Directory;
            for (var start = dir; dir is not null; dir = dir.Parent)
            {
                // A parent folder anyone may write (/tmp, sticky or not) is no repository's: a file there is anyone's,
                // and one planted as /tmp/.netbufrules.yaml would stop every root run of a pack kept under /tmp (NBR190).
                if (dir != start && NativeFile.Stat(dir.FullName) is { } folder && (folder.Mode & NativeFile.OthersWrite) != 0) break;
                var candidate = Path.Combine(dir.FullName, FileName);
                if (NativeFile.Stat(candidate, follow: false) is not null || File.Exists(candidate)) return (candidate, path);
            }
        }
        return null;
    }

    /// <summary>The policy: the defaults plus what <paramref name="file"/> allows; problems go to <paramref name="diagnostics"/>.</summary>
    public static SafetyPolicy Load(string? file, DiagnosticBag diagnostics) => LoadConfig(file, diagnostics).Policy;

    /// <summary>
    /// The whole config named with <c>--config</c>: the policy and the path globs folder scans pass over
    /// (<c>exclude</c>). A named file is trusted whoever owns it (the user chose it: a root run over a user's
    /// checkout names it so), but it must still be a regular file and not a link (a link in a repository could
    /// point at /etc/shadow, whose lines would come back as "unknown key" errors).
    /// </summary>
    public static RepositoryConfig LoadConfig(string? file, DiagnosticBag diagnostics)
    {
        var policy = LoadPolicy(file, null, diagnostics, out var exclude);
        return new RepositoryConfig(policy, exclude, file);
    }

    /// <summary>
    /// The config a scan of <paramref name="paths"/> finds, used only when <see cref="ConfigTrust"/> passes: no one but
    /// root or the user running netbufrules could have written it (else NBR190, and the defaults).
    /// </summary>
    public static RepositoryConfig LoadDiscovered(IEnumerable<string> paths, DiagnosticBag diagnostics)
    {
        if (Discover(paths) is not (var file, var scanned)) return LoadConfig(null, diagnostics);
        var policy = LoadPolicy(file, scanned, diagnostics, out var exclude);
        return new RepositoryConfig(policy, exclude, file);
    }

    private static SafetyPolicy LoadPolicy(string? file, string? scanned, DiagnosticBag diagnostics, out IReadOnlyList<string> exclude)
    {
        exclude = [];
        var policy = SafetyPolicy.Default;
        if (file is null) return policy;
        if (Read(file, scanned, diagnostics) is not { } text) return policy;
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

    /// <summary>
    /// The config's text, or null with one diagnostic: never through a link, never a kernel file or FIFO, and, when
    /// found by a scan of <paramref name="scanned"/>, only a file no one else could have written (checked on the
    /// opened file, so a file swapped in after the check is not the one read).
    /// </summary>
    private static string? Read(string file, string? scanned, DiagnosticBag diagnostics)
    {
        var at = new SourcePosition(file, 1, 1);
        try
        {
            using var handle = Primitives.InputFile.Open(file, followLinks: false);
            if (scanned is not null && ConfigTrust.Check(handle, file, scanned) is { } untrusted)
            {
                diagnostics.Error(at, Codes.UntrustedConfig, $"repository config {file} {untrusted.Why}; not used", untrusted.Hint);
                return null;
            }
            return Primitives.BoundedFile.ReadText(handle, file, Primitives.Limits.YamlFileBytes);
        }
        catch (Primitives.BoundedFileException e)
        {
            diagnostics.Error(at, InputFileCode.Of(e), $"repository config {e.Message}", $"a repository config is a plain file beside the playbooks, not a link; or name one with --config");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(at, Codes.PathNotFound, $"repository config {file} cannot be read: {e.Message}", "check the path and its permissions");
            return null;
        }
    }

    private static IEnumerable<string> Words(string form) => form.Split([' ', '\t', '(', ')', '[', ']', '|'], StringSplitOptions.RemoveEmptyEntries).Skip(1);

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
            if (ProgramFamilies.Refusal(name) is { } refused)
            {
                diagnostics.Error(key.Position, Codes.BadConfig, $"'{name}' {refused} and cannot be allowed",
                    ProgramFamilies.RunsCode(name) ? "allow the tool itself, not a shell, interpreter or wrapper" : "allow a tool that only reads and prints counters; read files with 'file:'");
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
            // Decided by the file, not by a list: a script is an interpreter running code (sotruss, debconf, pydoc3).
            if (ProbePath.Resolve(name, ProbePath.System) is ({ } program, null) && ScriptProgram.Refusal(program) is { } script)
            {
                diagnostics.Error(key.Position, Codes.BadConfig, $"'{name}' {script}; a repository config may allow only a compiled tool",
                    "allow the tool itself, not a shell, interpreter or wrapper; read files with 'file:'");
                continue;
            }
            // A link in a system folder (mytool -> /usr/sbin/conntrack) is the program it points to.
            var file = ProbePath.Resolve(name, ProbePath.System).File is { } found ? NativeFile.RealPath(found) : null;
            if (file is not null && Path.GetFileName(file) != name && ProgramFamilies.Refusal(Path.GetFileName(file)) is { } linked)
            {
                diagnostics.Error(key.Position, Codes.BadConfig, $"'{name}' is {file}, which {linked}, and cannot be allowed",
                    "allow a tool that only reads and prints counters; read files with 'file:'");
                continue;
            }
            var reads = ReadOnlyTools.For(name, file);
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
                else if (text.Value.Split([' ', '\t', '(', ')', '[', ']', '|', '{', '}', '='], StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault(ProgramFamilies.NamesLauncher) is { } launcher)
                    diagnostics.Error(text.Position, Codes.BadConfig, $"form '{text.Value}' of '{name}' names '{launcher}', a shell, interpreter or launcher: a tool that passes its words on would run it",
                        "allow only forms that read and print counters");
                else if (text.Value.Split([' ', '\t', '(', ')', '[', ']', '|', '{', '}'], StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(w => (Word: w, Why: RepositoryWords.LiteralProblem(w))).FirstOrDefault(w => w.Why is not null) is { Why: { } why } named)
                    diagnostics.Error(text.Position, Codes.BadConfig, $"form '{text.Value}' of '{name}': '{named.Word}' {why}", "allow only forms that read and print counters");
                else if (reads is not null && ReadOnlyTools.Problem(form, reads) is { } write)
                    diagnostics.Error(text.Position, Codes.BadConfig, $"form '{text.Value}' of '{name}' {write.Message}", write.Hint);
                else if (reads is null && Words(text.Value).Select(w => (Word: w, Why: ReadOnlyTools.WriteWord(w))).FirstOrDefault(w => w.Why is not null) is { Why: { } verb } written)
                    diagnostics.Error(text.Position, Codes.BadConfig, $"form '{text.Value}' of '{name}': '{written.Word}' {verb}", "allow only forms that read and print counters");
                else
                    forms.Add(form);
            }
            // A playbook's values are checked against what they name on each command, at lint and before each run;
            // a known tool's command must also fit its read forms, whatever the config's forms let through.
            if (forms.Count > 0)
            {
                var words = RepositoryWords.Check(forms);
                yield return new ToolGrammar(name, forms, reads?.Dangers ?? new Dictionary<string, string>(StringComparer.Ordinal), [])
                {
                    Also = reads is null ? words : argv => reads.Check([reads.Program, .. argv.Skip(1)]) is { } refusal ? refusal with { Message = refusal.Message.Replace($"'{reads.Program} ", $"'{name} ", StringComparison.Ordinal) } : words(argv),
                };
            }
        }
    }
}
