using System.Text.RegularExpressions;

namespace NetBufRules.Render.Content;

/// <summary>systemd's unit-name grammar (systemd.unit(5)): <c>prefix[@instance].type</c>, at most 255 characters.</summary>
internal static partial class UnitName
{
    /// <summary>The unit types systemd knows.</summary>
    public static readonly IReadOnlyList<string> Types = ["service", "socket", "device", "mount", "automount", "swap", "target", "path", "timer", "slice", "scope"];

    /// <summary>Whether <paramref name="name"/> is a valid unit name (template instances included).</summary>
    public static bool IsValid(string name) =>
        name.Length <= 255 && Grammar().Match(name) is { Success: true } m && Types.Contains(m.Groups["type"].Value);

    /// <summary>Whether <paramref name="name"/> is a valid service unit name, the only kind whose drop-in a fix may write.</summary>
    public static bool IsService(string name) => IsValid(name) && name.EndsWith(".service", StringComparison.Ordinal);

    // Letters, digits, ':', '-', '_', '.', and '\' (systemd-escape writes "\x2d"); one '@' before an optional instance.
    [GeneratedRegex(@"^[A-Za-z0-9:_.\\-]+(@[A-Za-z0-9:_.\\-]*)?\.(?<type>[a-z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
