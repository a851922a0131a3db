using System.Text.RegularExpressions;

namespace NetBufRules.Render.Content;

/// <summary>The file a fix writes, recognised from its path: its kind and, for a systemd drop-in, the unit it belongs to.</summary>
internal sealed partial record FixTarget(FixKind Kind, string? Unit)
{
    /// <summary>Stands for a <c>{{ ... }}</c> in a path checked before rendering: it may be any value that is one path segment.</summary>
    public const char Placeholder = '\u0001';

    /// <summary>The kind of file at <paramref name="path"/> (an allowed path), or why no fix may write it there.</summary>
    public static (FixTarget? Target, string? Problem) Of(string path, IReadOnlyList<string> repositoryDirectories)
    {
        if (Sysctl().IsMatch(path)) return (new FixTarget(FixKind.Sysctl, null), null);
        if (Limits().IsMatch(path)) return (new FixTarget(FixKind.Limits, null), null);
        if (SystemdDropIn().Match(path) is { Success: true } dropIn)
        {
            var unit = dropIn.Groups["unit"].Value;
            // A templated unit is checked once rendered; a literal one now.
            if (unit.Contains(Placeholder, StringComparison.Ordinal) || UnitName.IsService(unit)) return (new FixTarget(FixKind.SystemdDropIn, unit), null);
            return (null, UnitName.IsValid(unit)
                ? $"'{unit}' is not a service: a fix may write only a service's drop-in ([Service] section)"
                : $"'{unit}' is not a valid systemd unit name");
        }
        if (path.StartsWith("/etc/systemd/system/", StringComparison.Ordinal))
            return (null, "a fix may write only a drop-in, /etc/systemd/system/UNIT.service.d/NAME.conf: never a unit file, a .wants/ link or an override of a unit");
        if (path.StartsWith("/etc/sysctl.d/", StringComparison.Ordinal) || path.StartsWith("/etc/security/limits.d/", StringComparison.Ordinal))
            return (null, "a fix may write only a NAME.conf file directly in the directory (a name of letters, digits and . _ - @ :, not starting with '.')");
        if (repositoryDirectories.Any(d => path.StartsWith(d, StringComparison.Ordinal)) && RepositoryDropIn().IsMatch(path))
            return (new FixTarget(FixKind.Repository, null), null);
        return (null, "a fix may write only a drop-in file: /etc/sysctl.d/NAME.conf, /etc/security/limits.d/NAME.conf or /etc/systemd/system/UNIT.service.d/NAME.conf");
    }

    [GeneratedRegex(@"^/etc/sysctl\.d/[A-Za-z0-9_@:\x01-][A-Za-z0-9._@:\x01-]*\.conf$", RegexOptions.CultureInvariant)]
    private static partial Regex Sysctl();

    [GeneratedRegex(@"^/etc/security/limits\.d/[A-Za-z0-9_@:\x01-][A-Za-z0-9._@:\x01-]*\.conf$", RegexOptions.CultureInvariant)]
    private static partial Regex Limits();

    [GeneratedRegex(@"^/etc/systemd/system/(?<unit>[^/]+)\.d/[A-Za-z0-9_@:\x01-][A-Za-z0-9._@:\x01-]*\.conf$", RegexOptions.CultureInvariant)]
    private static partial Regex SystemdDropIn();

    [GeneratedRegex(@"^/(?:[^/]+/)*[^/]+\.d/[A-Za-z0-9_@:\x01-][A-Za-z0-9._@:\x01-]*\.conf$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryDropIn();
}
