using System.CommandLine;
using NetBufRules.Packs;
using NetBufRules.Validate;

namespace NetBufRules.Cli;

/// <summary>
/// The options of every command that loads playbooks, declared once: the paths (files, folders, <c>builtin</c>),
/// <c>--config</c>, and the selection <c>--only</c>, <c>--skip</c>, <c>--tags</c>, <c>--strict</c>.
/// </summary>
internal sealed class SetOptions
{
    public SetOptions(string pathsDefault, bool withStrict = true)
    {
        Paths = new Argument<string[]>("paths")
        {
            Description = $"Playbook files, folders (packs) and 'builtin' for the built-in pack (default: {pathsDefault}; a folder named builtin is ./builtin)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        Config = new Option<string?>("--config") { Description = $"The repository config (default: {LintConfig.FileName} beside the playbooks or in a parent folder)" };
        Only = new Option<string[]>("--only") { Description = "Run only playbooks whose id matches this glob (e.g. tcp-*); repeatable", AllowMultipleArgumentsPerToken = false };
        Skip = new Option<string[]>("--skip") { Description = "Leave out playbooks whose id matches this glob; repeatable", AllowMultipleArgumentsPerToken = false };
        Tags = new Option<string[]>("--tags") { Description = "Run only playbooks with one of these tags (TAG[,TAG]); repeatable", AllowMultipleArgumentsPerToken = false };
        Strict = withStrict ? new Option<bool>("--strict") { Description = "Warnings while loading (a values file naming a playbook not loaded, a selection matching nothing) are errors" } : null;
    }

    public Argument<string[]> Paths { get; }

    public Option<string?> Config { get; }

    public Option<string[]> Only { get; }

    public Option<string[]> Skip { get; }

    public Option<string[]> Tags { get; }

    public Option<bool>? Strict { get; }

    /// <summary>Adds the argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Paths);
        command.Options.Add(Config);
        command.Options.Add(Only);
        command.Options.Add(Skip);
        command.Options.Add(Tags);
        if (Strict is not null) command.Options.Add(Strict);
    }

    /// <summary>The selection of <paramref name="result"/>, with the ids values files disable.</summary>
    public PlaybookSelection Selection(ParseResult result, IReadOnlyList<string>? disabled = null) =>
        new(Split(result.GetValue(Only)), Split(result.GetValue(Skip)), Split(result.GetValue(Tags))) { Disabled = disabled ?? [] };

    /// <summary>Whether --strict was given.</summary>
    public bool IsStrict(ParseResult result) => Strict is not null && result.GetValue(Strict);

    private static string[] Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
