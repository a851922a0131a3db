using System.Text.RegularExpressions;

namespace NetBufRules.Policy;

/// <summary>
/// The value classes a grammar's <c>&lt;placeholder&gt;</c> may stand for. None matches a word starting with '-' (so a
/// value can never be read as an option by the tool's own parser, which permutes arguments) nor a control character.
/// </summary>
internal static partial class ArgumentKind
{
    [GeneratedRegex(@"^[A-Za-z0-9_.:@+]([A-Za-z0-9_.:@+-]{0,14})$", RegexOptions.CultureInvariant)]
    private static partial Regex InterfaceName();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_-]*([./][A-Za-z0-9_-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex SysctlName();

    [GeneratedRegex(@"^[1-9][0-9]{0,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pid();

    [GeneratedRegex(@"^[0-9]{1,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"^[A-Za-z0-9_.,:+@%][A-Za-z0-9_.,:+@%-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"^[A-Za-z0-9_.:+][A-Za-z0-9 _.:+-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Time();

    [GeneratedRegex(@"^[A-Z_][A-Z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ConfName();

    [GeneratedRegex(@"^[A-Za-z0-9_.:/()!=<>\[\]*,+@%{}][A-Za-z0-9_.:/()!=<>\[\]*,+@%{}-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex FilterToken();

    /// <summary>Each kind with what it accepts, for hints and the README.</summary>
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ifname"] = "an interface name (up to 15 letters, digits, _.:@+-)",
        ["sysctl"] = "a sysctl name such as net.core.somaxconn (no '=', so never an assignment)",
        ["pid"] = "a process id",
        ["n"] = "a whole number",
        ["word"] = "a word of letters, digits and _.,:+@%- (no '/', so never a file)",
        ["time"] = "a time such as '1 hour ago', 'today' or '2026-11-26 10:00'",
        ["confname"] = "a getconf name such as PAGESIZE",
        ["filter"] = "one word of an ss filter such as 'sport', '=', ':80' or 'syn-recv'",
    };

    /// <summary>Whether <paramref name="value"/> is a per-row probe's placeholder such as <c>{dev}</c> (a probe with <c>each</c>).</summary>
    public static bool IsPlaceholder(string value) =>
        value.Length > 2 && value[0] == '{' && value[^1] == '}' && value[1..^1].All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(value[1]);

    /// <summary>Whether <paramref name="kind"/> is a known placeholder.</summary>
    public static bool Exists(string kind) => Descriptions.ContainsKey(kind);

    /// <summary>Whether <paramref name="value"/> is a <paramref name="kind"/>; <paramref name="inline"/> values (after '=') may start with '-'.</summary>
    public static bool Accepts(string kind, string value, bool inline = false)
    {
        if (value.Length == 0 || value.Any(char.IsControl)) return false;
        // A per-row probe's placeholder ({dev}) stands for a value only; the bound command is checked again before it runs.
        if (!inline && IsPlaceholder(value)) return true;
        if (!inline && value[0] == '-') return false;
        if (inline && value[0] == '-' && kind is "time" or "n") value = value[1..];
        return kind switch
        {
            "ifname" => InterfaceName().IsMatch(value) && value is not "." and not "..",
            "sysctl" => SysctlName().IsMatch(value),
            "pid" => Pid().IsMatch(value),
            "n" => Number().IsMatch(value),
            "word" => Word().IsMatch(value),
            "time" => Time().IsMatch(value),
            "confname" => ConfName().IsMatch(value),
            "filter" => FilterToken().IsMatch(value),
            _ => false,
        };
    }
}
