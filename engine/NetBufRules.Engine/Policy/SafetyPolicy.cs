namespace NetBufRules.Policy;

/// <summary>
/// What probes may run and read and where fixes may write: built once from the defaults plus the repository's
/// <c>.netbufrules.yaml</c>, and used alike by run, collect, test and lint.
/// </summary>
internal sealed record SafetyPolicy(IReadOnlyDictionary<string, ToolGrammar> Tools, IReadOnlyList<string> AllowedFixDirectories)
{
    /// <summary>Programs that run code given to them: never allowed as a probe (also checked by family, see <see cref="ProgramFamilies"/>).</summary>
    public static IReadOnlySet<string> Interpreters => ProgramFamilies.RunCode;

    /// <summary>The programs probes may run.</summary>
    public IReadOnlySet<string> AllowedBinaries => Tools.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether a fix may write <paramref name="path"/> (or, when <paramref name="partial"/>, a path starting so).</summary>
    public bool AllowsFixPath(string path, bool partial = false) =>
        path.StartsWith('/')
        && !path.Split('/').Contains("..")
        && AllowedFixDirectories.Any(d => path.StartsWith(d, StringComparison.Ordinal) && (partial || path.Length > d.Length));

    /// <summary>Null when <paramref name="argv"/> may run as a probe; otherwise which element is to blame, why, and the nearest allowed form.</summary>
    public CommandRefusal? CheckCommand(IReadOnlyList<string> argv)
    {
        if (argv.Count == 0 || argv[0].Length == 0) return new CommandRefusal(0, "the probe command is empty", "write it as an argv list: [nstat, -asz, --json]");
        var command = string.Join(' ', argv);
        var program = argv[0];
        if (ProgramFamilies.RunsCode(program))
            return new CommandRefusal(0, $"probe command '{command}' starts a shell or interpreter", "run the tool itself as an argv list, e.g. [ss, -Hltn]; read files with 'file:'");
        if (program.Contains('/'))
            return new CommandRefusal(0, $"probe command '{command}' names a path ('{program}')",
                $"name the program only ({Path.GetFileName(program)}); it is found on {ProbePath.System}");
        if (!Tools.TryGetValue(program, out var grammar))
            return new CommandRefusal(0, $"probe command '{program}' is not in the allowlist",
                $"use one of: {string.Join(", ", Tools.Keys.Order(StringComparer.Ordinal))}; read files with 'file:'; or declare the tool with its grammar in the repository's {ConfigFileName}");
        if (argv.Count > MaxArguments)
            return new CommandRefusal(MaxArguments, $"probe command '{program}' has more than {MaxArguments} arguments", "a probe asks one question");
        return grammar.Check(argv);
    }

    /// <summary>A command line longer than this is refused before its grammar is tried.</summary>
    public const int MaxArguments = 64;

    /// <summary>The repository config's file name.</summary>
    public const string ConfigFileName = ".netbufrules.yaml";

    /// <summary>The read-only diagnostic tools and the fix places of the built-in pack.</summary>
    public static SafetyPolicy Default { get; } = new(BuiltInTools.All, ["/etc/sysctl.d/", "/etc/security/limits.d/", "/etc/systemd/system/"]);
}
