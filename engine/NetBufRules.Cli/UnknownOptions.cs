using System.CommandLine;
using System.CommandLine.Parsing;

namespace NetBufRules.Cli;

/// <summary>
/// A word that looks like an option but is not one of the command's (<c>fix --from DIR</c>) is a usage error that
/// names the options, not a path: System.CommandLine hands it to the paths argument, and the user read "no such file
/// or folder: '--from'". A file or folder that really is named so is still a path, and so is every word after <c>--</c>.
/// </summary>
internal static class UnknownOptions
{
    /// <summary>One message per word of <paramref name="parsed"/>'s arguments that is an unknown option.</summary>
    public static IReadOnlyList<string> Of(ParseResult parsed, IReadOnlyList<string> args)
    {
        var command = parsed.CommandResult.Command;
        var literal = args.Contains("--") ? args.Skip(args.ToList().IndexOf("--") + 1).ToHashSet(StringComparer.Ordinal) : [];
        var names = Names(parsed.RootCommandResult.Command, command);
        return [.. parsed.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens)
            .Select(t => t.Value)
            .Where(v => v.Length > 1 && v[0] == '-' && !literal.Contains(v) && !File.Exists(v) && !Directory.Exists(v))
            .Distinct(StringComparer.Ordinal)
            .Select(v => Message(command, v, names))];
    }

    private static string Message(Command command, string word, IReadOnlyList<string> names)
    {
        var option = word.Split('=', 2)[0];
        var near = Load.Suggest.Closest(option, names);
        var hint = near is null ? $"see 'netbufrules {command.Name} --help'" : $"did you mean '{near}'?";
        return $"{command.Name}: unknown option '{Primitives.HostText.Escape(option)}'; {hint} (a path that starts with '-' goes after '--')";
    }

    /// <summary>The command's options and the root's options that apply to every command (--help), with their aliases.</summary>
    private static IReadOnlyList<string> Names(Command root, Command command) =>
        [.. command.Options.Concat(root.Options.Where(o => o.Recursive))
            .SelectMany(o => o.Aliases.Prepend(o.Name))
            .Where(n => n.StartsWith("--", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)];
}
