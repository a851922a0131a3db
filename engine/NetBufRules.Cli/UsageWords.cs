using System.Globalization;
using System.Text.RegularExpressions;

namespace NetBufRules.Cli;

/// <summary>
/// System.CommandLine's parse errors in a user's words: "Cannot parse argument '1e99' for option '--record-max-mb' as
/// expected type 'System.Int32'" names a .NET type and not the range; the option and the value stay, the type becomes
/// what the option takes. Control characters in the echoed argument are escaped (HostText), never sent to the terminal.
/// </summary>
internal static partial class UsageWords
{
    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']*)' as expected type '(?<type>[\w.]+)'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    public static string Plain(string message)
    {
        var plain = CannotParse().Match(message) is { Success: true } m
            ? $"{m.Groups["option"].Value}: '{m.Groups["value"].Value}' is not {Kind(m.Groups["type"].Value)}"
            : message;
        return Primitives.HostText.Escape(plain);
    }

    private static string Kind(string type) => type switch
    {
        "System.Int32" => string.Create(CultureInfo.InvariantCulture, $"a whole number up to {int.MaxValue:N0}"),
        "System.Int64" => "a whole number",
        "System.Double" => "a number (e.g. 2 or 0.5)",
        "System.Boolean" => "true or false",
        _ => "a value this option takes (see --help)",
    };
}
