using System.Reflection;
using System.Text.RegularExpressions;
using NetBufRules.Diagnostics;
using NetBufRules.Model;
using NetBufRules.Primitives;

namespace NetBufRules.Load;

/// <summary>Loads playbooks from files, folders or the built-in pack, with every problem collected.</summary>
internal static partial class PlaybookLoader
{
    /// <summary>Top-level keys of which a playbook has at least one; a YAML file in a folder with none of them is something else.</summary>
    private static readonly HashSet<string> PlaybookKeys = new(StringComparer.Ordinal) { "apiVersion", "id", "probes", "when", "advise_when" };

    [GeneratedRegex(@"^([A-Za-z_][\w.-]*)[ \t]*:(?=[ \t]|$)", RegexOptions.Multiline)]
    private static partial Regex TopLevelKey();

    private const string EmbeddedPrefix = "playbooks/";

    /// <summary>Whether <paramref name="path"/> names a playbook (not a test file, nor a dotfile such as .netbufrules.yaml).</summary>
    public static bool IsPlaybookFile(string path)
    {
        var name = Path.GetFileName(path);
        // pack.yaml is a pack's manifest (Packs/PackManifest), never a playbook.
        return !name.StartsWith('.') && name != "pack.yaml" && (name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal))
            && !name.Contains(".test.", StringComparison.Ordinal);
    }

    /// <summary>Loads every playbook under <paramref name="paths"/> (files or folders, recursively).</summary>
    public static LoadResult Load(IEnumerable<string> paths)
    {
        var diagnostics = new DiagnosticBag();
        return Parse(ReadSources(paths, diagnostics), diagnostics);
    }

    /// <summary>The text of every playbook file under <paramref name="paths"/>, in order; a missing path or an empty folder is a diagnostic.</summary>
    public static List<(string File, string Text)> ReadSources(IEnumerable<string> paths, DiagnosticBag diagnostics) => ReadSources(paths, diagnostics, null);

    /// <summary>As above; a folder scan passes over the files <paramref name="excluded"/> names (the repository config's <c>exclude</c>).</summary>
    public static List<(string File, string Text)> ReadSources(IEnumerable<string> paths, DiagnosticBag diagnostics, Func<string, bool>? excluded)
    {
        var sources = new List<(string File, string Text)>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                if (ReadBounded(path, diagnostics) is { } text) sources.Add((path, text));
            }
            else if (Directory.Exists(path) && InputFile.CheckFolder(path) is { } kernel)
            {
                diagnostics.Error(new SourcePosition(path, 1, 1), InputFileCode.Of(kernel), kernel.Message, "point at the folder of your playbooks");
            }
            else if (Directory.Exists(path))
            {
                var skipped = new List<string>();
                var files = FilesUnder(path, skipped.Add, (dir, why) => diagnostics.Error(new SourcePosition(dir, 1, 1), Codes.CannotRead,
                        $"cannot read folder '{dir}': {why}", "give the folder read permission, rename it, or leave it out of the scan (exclude: in .netbufrules.yaml)"))
                    .Where(f => IsPlaybookFile(f) && excluded?.Invoke(f) != true).Order(StringComparer.Ordinal)
                    .Select(f => (File: f, Text: ReadBounded(f, diagnostics))).Where(f => f.Text is not null && LooksLikePlaybook(f.Text))
                    .Select(f => (f.File, Text: f.Text!)).ToList();
                foreach (var link in skipped.Where(l => Directory.Exists(l) || IsPlaybookFile(l)))
                    diagnostics.Warning(new SourcePosition(link, 1, 1), Codes.SymlinkNotFollowed,
                        $"symlink '{link}' not followed: a folder scan never follows a symlinked folder, nor a symlinked file out of the folder",
                        "name the target on the command line if it is meant to be read");
                if (files.Count == 0)
                    diagnostics.Error(new SourcePosition(path, 1, 1), Codes.NoPlaybooks, $"no playbooks (*.yaml) in folder '{path}'", "point at the folder that holds the playbooks, e.g. playbooks/");
                sources.AddRange(files);
            }
            else
            {
                diagnostics.Error(new SourcePosition(path, 1, 1), Codes.PathNotFound, $"no such file or folder: '{path}'", "check the path; run without a path for the built-in pack");
            }
        }
        return sources;
    }

    /// <summary>Folders a scan does not enter: build output and dependencies (hidden folders, such as .git, neither).</summary>
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", "node_modules" };

    /// <summary>
    /// Every file below <paramref name="folder"/>, except in hidden, build-output and dependency folders below it;
    /// below ".", named without the "./" (as an editor or CI shows them).
    /// </summary>
    /// <remarks>
    /// Symlinks never lead the scan out of the tree: a symlinked folder is not entered at all (a link to / would walk
    /// the whole filesystem, a link to its parent would loop), and a symlinked file is read only when its target lies
    /// inside <paramref name="folder"/>. Each link passed over goes to <paramref name="skipped"/>.
    /// </remarks>
    public static IEnumerable<string> FilesUnder(string folder, Action<string>? skipped = null, Action<string, string>? unreadable = null)
    {
        var root = FileKind.RealFolder(folder);
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            // A folder the scan cannot list (no permission, a path longer than the system allows) is reported, and the
            // rest of the tree is still read.
            string[] files, subs;
            try
            {
                files = Directory.GetFiles(dir);
                subs = Directory.GetDirectories(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable?.Invoke(dir, Unreadable(e));
                continue;
            }
            foreach (var file in files)
            {
                if (FileKind.IsSymlink(file) && !FileKind.TargetInside(file, root))
                {
                    skipped?.Invoke(file);
                    continue;
                }
                yield return folder == "." && file.StartsWith("./", StringComparison.Ordinal) ? file[2..] : file;
            }
            foreach (var sub in subs)
            {
                var name = Path.GetFileName(sub);
                if (name.StartsWith('.') || SkippedFolders.Contains(name)) continue;
                if (FileKind.IsSymlink(sub))
                    skipped?.Invoke(sub);
                else
                    pending.Push(sub);
            }
        }
    }

    /// <summary>The text of a playbook file, or null with a diagnostic when it is not a regular file or is too large.</summary>
    private static string? ReadBounded(string file, DiagnosticBag diagnostics)
    {
        try
        {
            return BoundedFile.ReadText(file, Limits.YamlFileBytes);
        }
        catch (BoundedFileException e)
        {
            diagnostics.Error(new SourcePosition(file, 1, 1), InputFileCode.Of(e), e.Message,
                e.Untrusted ? "point at a playbook file of your repository, never a kernel or device file, nor through a link to a private file" : "a playbook is a small YAML text file; split it or point at the right file");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(new SourcePosition(file, 1, 1), Codes.CannotRead, $"cannot read '{file}': {Unreadable(e)}", "give it read permission or rename it (a name must be valid UTF-8)");
            return null;
        }
    }

    /// <summary>Why a file or folder cannot be read, in words (the exception's own text may name a mangled path).</summary>
    internal static string Unreadable(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "its path is longer than the system allows",
        // .NET decodes a name that is not UTF-8 with replacement characters, and the decoded name is not there.
        FileNotFoundException or DirectoryNotFoundException => "it vanished while being read, or its name is not valid UTF-8",
        _ => e.Message,
    };

    /// <summary>
    /// Whether a YAML file found in a folder is meant as a playbook: it is, unless it has top-level keys and none of
    /// them is a playbook's (apiVersion, id, probes, when, advise_when). So CI configs and values files beside the
    /// playbooks are passed over, while a broken playbook is still loaded and its mistakes reported. A file named
    /// on the command line is always loaded.
    /// </summary>
    public static bool LooksLikePlaybook(string text)
    {
        // A document that is a list at the top (an Ansible playbook, a task file) is something else too.
        var first = text.Split('\n').Select(l => l.TrimEnd()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#') && l != "---");
        if (first is not null && (first == "-" || first.StartsWith("- ", StringComparison.Ordinal))) return false;
        var keys = TopLevelKey().Matches(text);
        return keys.Count == 0 || keys.Any(k => PlaybookKeys.Contains(k.Groups[1].Value));
    }

    /// <summary>The built-in pack embedded in the engine.</summary>
    public static LoadResult LoadBuiltIn() => Parse(BuiltInSources(), new DiagnosticBag());

    /// <summary>The text of every playbook of the built-in pack, named <c>builtin:playbooks/ID.yaml</c>.</summary>
    public static List<(string File, string Text)> BuiltInSources()
    {
        var assembly = typeof(PlaybookLoader).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(EmbeddedPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => ("builtin:" + n, ReadResource(assembly, n)))
            .ToList();
    }

    /// <summary>Parses texts already read; also checks that ids are unique.</summary>
    public static LoadResult Parse(IEnumerable<(string File, string Text)> sources, DiagnosticBag diagnostics)
    {
        var list = sources as IReadOnlyList<(string File, string Text)> ?? [.. sources];
        // extends: is resolved first, only when some file has it (a base it replaces is left out, a merged file parsed as merged).
        var resolved = list.Any(s => Extends.ExtendsMerger.Mentions(s.Text)) ? ResolveExtends(list, diagnostics) : null;
        // Files parse independently: in parallel, each into its own bag, then merged in file order.
        var parsed = list.Select((s, i) => (Source: s, Resolved: resolved?[i] ?? (true, null))).Where(s => s.Resolved.Kept).AsParallel().AsOrdered().Select(s =>
        {
            var bag = new DiagnosticBag();
            var playbook = s.Resolved.Merged is { } doc ? PlaybookParser.Parse(doc, bag) : PlaybookParser.Parse(s.Source.File, s.Source.Text, bag);
            return (Playbook: playbook, bag.Items);
        }).ToList();
        var playbooks = parsed.Select(p => p.Playbook).OfType<Playbook>().ToList();
        foreach (var p in parsed) diagnostics.AddRange(p.Items);
        CheckUniqueIds(playbooks.Select(p => (p.Id, p.File, p.Position)), diagnostics);
        CheckUniqueMetricNames(playbooks, diagnostics);
        return new LoadResult(playbooks, diagnostics.Sorted());
    }

    /// <summary>A second playbook with an id already seen is an error at the second one.</summary>
    public static void CheckUniqueIds(IEnumerable<(string Id, string File, SourcePosition Position)> playbooks, DiagnosticBag diagnostics)
    {
        var firsts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, file, position) in playbooks)
        {
            if (firsts.TryGetValue(id, out var first))
                diagnostics.Error(position, Codes.DuplicateId, $"duplicate playbook id '{id}' (first in {first})", "ids must be unique across everything loaded; rename one");
            else
                firsts[id] = file;
        }
    }

    /// <summary>
    /// A declared metric whose Prometheus name another metric (of this playbook or an earlier one) or one of the
    /// tool's own families already has is an error at the second: <c>rt-a</c>'s <c>b_c</c> and <c>rt-a-b</c>'s
    /// <c>c</c> are both <c>netbufrules_rt_a_b_c</c>, and Prometheus refuses a file with a family twice.
    /// </summary>
    public static void CheckUniqueMetricNames(IEnumerable<Playbook> playbooks, DiagnosticBag diagnostics)
    {
        var firsts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var playbook in playbooks)
        {
            foreach (var metric in playbook.Metrics)
            {
                var name = MetricNames.Of(playbook, metric);
                var first = MetricNames.OwnFamilies.Contains(name) ? "one of the tool's own families"
                    : firsts.TryGetValue(name, out var earlier) ? earlier : null;
                if (first is not null)
                    diagnostics.Error(metric.Position, Codes.MetricNameClash, $"metric '{metric.Name}' is {MetricNames.Prefix}{name} in Prometheus, a name {first} already has",
                        "rename the metric (its name, playbook id with '-' as '_', and its unit's suffix make the Prometheus name)");
                else
                    firsts[name] = $"metric '{metric.Name}' of {playbook.Id} ({metric.Position})";
            }
        }
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
