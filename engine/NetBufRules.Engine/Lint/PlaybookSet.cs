using NetBufRules.Compile;
using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Load;
using NetBufRules.Load.Extends;
using NetBufRules.Model;
using NetBufRules.Packs;
using NetBufRules.Policy;
using NetBufRules.Testing;
using NetBufRules.Validate;

namespace NetBufRules.Lint;

/// <summary>
/// The playbooks of one command line, loaded, validated and compiled once under one policy (the repository config's
/// allowlists, fix places and excludes), from every pack named (folders with an optional <c>pack.yaml</c>, and the
/// built-in pack as <c>builtin</c>). run, collect, explain, test, lint, watch and fix all start from it, so what one
/// refuses the others refuse: lint is this set's every diagnostic plus its advice.
/// </summary>
internal sealed class PlaybookSet
{
    private readonly IReadOnlyDictionary<Playbook, Pack> _packOf;

    private PlaybookSet(
        IReadOnlyList<Playbook> playbooks,
        IReadOnlyList<Pack> packs,
        IReadOnlyDictionary<Playbook, Pack> packOf,
        IReadOnlyList<Diagnostic> diagnostics,
        IReadOnlyList<Diagnostic> advice,
        RepositoryConfig config,
        IReadOnlyList<string> files,
        IReadOnlyList<string> testFiles,
        IReadOnlyList<Playbook> loaded,
        IReadOnlyList<string> deselected)
    {
        Playbooks = playbooks;
        Packs = packs;
        _packOf = packOf;
        Diagnostics = diagnostics;
        Advice = advice;
        Config = config;
        Files = files;
        TestFiles = testFiles;
        Loaded = loaded;
        Deselected = deselected;
    }

    /// <summary>The selected playbooks that loaded, in file order (only meaningful to run when <see cref="HasErrors"/> is false).</summary>
    public IReadOnlyList<Playbook> Playbooks { get; }

    /// <summary>Every pack named, in command-line order (the built-in pack as <see cref="Pack.IsBuiltIn"/>).</summary>
    public IReadOnlyList<Pack> Packs { get; }

    /// <summary>Every problem that makes a playbook unusable (errors) or that loading noticed (warnings), sorted by place.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>What only lint reports: prose, unused probes and params (warnings; the playbooks still run).</summary>
    public IReadOnlyList<Diagnostic> Advice { get; }

    /// <summary>Whether any diagnostic is an error: nothing of the set may run.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The repository config applied (policy, excludes, and its file).</summary>
    public RepositoryConfig Config { get; }

    /// <summary>The policy every stage applies: the defaults plus the repository config.</summary>
    public SafetyPolicy Policy => Config.Policy;

    /// <summary>The playbook files read (the built-in pack's as <c>builtin:playbooks/ID.yaml</c>).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The test files (<c>*.test.yaml</c>) of the packs named, honouring excludes.</summary>
    public IReadOnlyList<string> TestFiles { get; }

    /// <summary>Every playbook that parsed, selected or not (overrides and test files may name a deselected one).</summary>
    public IReadOnlyList<Playbook> Loaded { get; }

    /// <summary>Ids of every playbook loaded, selected or not.</summary>
    public IReadOnlyList<string> LoadedIds => [.. Loaded.Select(p => p.Id).Distinct(StringComparer.Ordinal)];

    /// <summary>Ids loaded but left out by the selection.</summary>
    public IReadOnlyList<string> Deselected { get; }

    /// <summary>The pack <paramref name="playbook"/> came from.</summary>
    public Pack PackOf(Playbook playbook) => _packOf[playbook];

    /// <summary>Loads, validates and compiles what <paramref name="options"/> names.</summary>
    public static PlaybookSet Load(PlaybookSetOptions options)
    {
        var bag = new DiagnosticBag();
        var args = options.Paths.Count > 0 ? options.Paths : options.BuiltInWhenNoPath ? [Pack.BuiltInName] : ["."];
        var paths = args.Where(a => a != Pack.BuiltInName).ToList();
        // A config named with --config is the user's choice; one found by the scan must pass the owner and mode checks.
        var config = options.ConfigFile is { } named ? LintConfig.LoadConfig(named, bag) : LintConfig.LoadDiscovered(paths, bag);
        var engine = SemanticVersion.Parse(options.EngineVersion) ?? new SemanticVersion(0, 0, 0, "");

        var packs = new List<Pack>();
        var sources = new List<(string File, string Text, Pack Pack)>();
        var testFiles = new List<string>();
        var resolver = new PackResolver(bag);
        foreach (var arg in args.Distinct(StringComparer.Ordinal))
        {
            if (arg == Pack.BuiltInName)
            {
                var builtIn = Pack.BuiltIn(options.EngineVersion);
                packs.Add(builtIn);
                sources.AddRange(PlaybookLoader.BuiltInSources().Select(s => (s.File, s.Text, builtIn)));
                continue;
            }
            var excluded = config.ExcludedBelow(arg);
            foreach (var (file, text) in PlaybookLoader.ReadSources([arg], bag, excluded))
            {
                var pack = resolver.PackOf(file, arg);
                if (!packs.Contains(pack)) packs.Add(pack);
                sources.Add((file, text, pack));
            }
            testFiles.AddRange(TestFilesUnder(arg, excluded));
        }
        // A pack that needs a newer engine is refused whole, in one line: its playbooks may use what this engine lacks.
        var refused = packs.Where(p => p.Manifest?.Engine is { } need && !need.IsSatisfiedBy(engine)).ToHashSet();
        foreach (var pack in refused)
        {
            var need = pack.Manifest!.Engine!;
            bag.Error(pack.Manifest.Position with { Line = 1, Column = 1 }, Codes.EngineTooOld,
                $"pack '{pack.Name}' needs netbufrules {need.Text}; this is {engine}",
                need.NeedsNewer(engine) ? "update netbufrules (dotnet tool update -g NetBufRules)" : "use a netbufrules the pack supports, or update the pack");
        }
        foreach (var pack in packs.Where(p => !p.IsBuiltIn && !refused.Contains(p) && p.TestsFolder != p.Root && Directory.Exists(p.TestsFolder)))
            testFiles.AddRange(TestFilesUnder(pack.TestsFolder, null));
        sources.RemoveAll(s => refused.Contains(s.Pack));

        // Every file of every pack is parsed first (in parallel), so that what reads across packs (ids, see_also, a
        // playbook that extends another) sees them all; then each selected one goes through every check on its own.
        var selection = options.Selection;
        var parsedFiles = sources.Any(s => ExtendsMerger.Mentions(s.Text))
            ? ParseExtending(sources, bag)
            : sources.AsParallel().AsOrdered().Select(s => (Parsed: PlaybookLinter.ParseFile(s.File, s.Text), s.Pack)).ToList();
        var checkedFiles = parsedFiles.AsParallel().AsOrdered()
            .Select(p => (Checked: PlaybookLinter.CheckFile(p.Parsed, config.Policy, selection.Includes), p.Pack))
            .ToList();
        var parsed = checkedFiles.Where(c => c.Checked.Playbook is not null).ToList();
        PlaybookLoader.CheckUniqueIds(parsed.Select(c => (c.Checked.Playbook!.Id, c.Checked.File, c.Checked.Playbook.Position)), bag);
        PlaybookLoader.CheckUniqueMetricNames(parsed.Select(c => c.Checked.Playbook!), bag);
        var selected = parsed.Where(c => c.Checked.Selected).ToList();
        var playbooks = selected.Select(c => c.Checked.Playbook!).ToList();
        bag.AddRange(FindingOrder.CheckGraph(playbooks, warnNotLoaded: false));
        var advice = new DiagnosticBag();
        foreach (var (one, _) in checkedFiles)
        {
            bag.AddRange(one.Diagnostics);
            advice.AddRange(one.Advice);
        }
        var ids = parsed.Select(c => c.Checked.Playbook!.Id).Distinct(StringComparer.Ordinal).ToList();
        foreach (var (option, glob) in selection.Unmatched(ids))
            bag.Warning(CommandLine, Codes.SelectionMatchesNothing, $"{option} '{glob}' matches no loaded playbook", Suggest.Hint(glob, ids));
        // A selection (or a profile's 'disable') that leaves nothing to run makes a report that looks like a healthy host.
        if (!selection.IsAll && parsed.Count > 0 && selected.Count == 0)
            bag.Warning(CommandLine, Codes.SelectionMatchesNothing, $"the selection ({Describe(selection)}) leaves none of the {parsed.Count} loaded playbooks to run: nothing would be checked",
                "loosen --only, --skip, --tags or the values file's 'disable'; a run that checks nothing reads like a healthy host");
        foreach (var tag in selection.UnknownTags(parsed.SelectMany(c => c.Checked.Playbook!.Tags)))
            bag.Warning(CommandLine, Codes.SelectionMatchesNothing, $"--tags: no loaded playbook has the tag '{tag}'",
                Suggest.Hint(tag, [.. parsed.SelectMany(c => c.Checked.Playbook!.Tags).Distinct(StringComparer.Ordinal)]));

        // Compile once: evaluation and rendering take the parsed conditions and templates from here on.
        if (!bag.HasErrors)
        {
            foreach (var playbook in playbooks) bag.AddRange(PlaybookCompiler.Compile(playbook));
        }
        var packOf = new Dictionary<Playbook, Pack>(ReferenceEqualityComparer.Instance);
        foreach (var (one, pack) in selected) packOf[one.Playbook!] = pack;
        return new PlaybookSet(
            playbooks,
            packs,
            packOf,
            bag.Sorted(),
            advice.Sorted(),
            config,
            [.. sources.Select(s => s.File)],
            [.. testFiles.DistinctBy(Path.GetFullPath, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. parsed.Select(c => c.Checked.Playbook!)],
            [.. parsed.Where(c => !c.Checked.Selected).Select(c => c.Checked.Playbook!.Id)]);
    }

    /// <summary>
    /// Every file parsed after <c>extends:</c> is resolved (<see cref="PlaybookLoader.ResolveExtends"/>): an extending
    /// file is parsed as merged with its base, a base it replaces and one whose base cannot be resolved are left out.
    /// </summary>
    private static List<(PlaybookLinter.ParsedFile Parsed, Pack Pack)> ParseExtending(List<(string File, string Text, Pack Pack)> sources, DiagnosticBag bag)
    {
        var resolved = PlaybookLoader.ResolveExtends([.. sources.Select(s => (s.File, s.Text))], bag);
        return [.. sources.Zip(resolved).Where(p => p.Second.Kept).AsParallel().AsOrdered()
            .Select(p => (Parsed: p.Second.Merged is { } doc ? PlaybookLinter.ParseDocument(doc) : PlaybookLinter.ParseFile(p.First.File, p.First.Text), p.First.Pack))];
    }

    /// <summary>Ids of the built-in pack: see_also (and extends) resolve against it even when it is not loaded.</summary>
    public static IReadOnlySet<string> BuiltInIds => LazyBuiltInIds.Value;

    private static readonly Lazy<IReadOnlySet<string>> LazyBuiltInIds = new(() => PlaybookLoader.BuiltInDocuments
        .Select(d => ((d.Root as YamlMap)?["id"] as YamlScalar)?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal));

    /// <summary>Where a selection warning points: the command line (or a values file's disable list), not a playbook.</summary>
    private static readonly SourcePosition CommandLine = new("netbufrules", 1, 1);

    /// <summary>The parts of a selection, as a user wrote them: "--only tcp-*, disable *".</summary>
    private static string Describe(PlaybookSelection selection) => string.Join(", ",
        selection.Only.Select(g => $"--only {g}").Concat(selection.Skip.Select(g => $"--skip {g}"))
            .Concat(selection.Tags.Select(t => $"--tags {t}")).Concat(selection.Disabled.Select(g => $"disable {g}")));

    private static IEnumerable<string> TestFilesUnder(string path, Func<string, bool>? excluded) =>
        Directory.Exists(path)
            ? Primitives.InputFile.CheckFolder(path) is not null ? [] : PlaybookLoader.FilesUnder(path).Where(f => TestFileParser.IsTestFile(f) && excluded?.Invoke(f) != true)
            : TestFileParser.IsTestFile(path) && File.Exists(path) ? [path] : [];
}
