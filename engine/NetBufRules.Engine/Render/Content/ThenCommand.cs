using NetBufRules.Diagnostics;

namespace NetBufRules.Render.Content;

/// <summary>
/// The commands a fix's <c>then</c> may name: <c>[sysctl, -p, FILE]</c> for the fix's own sysctl drop-in and
/// <c>[systemctl, daemon-reload]</c> for a systemd drop-in; a limits.d file needs none (it applies at the next login).
/// A restart is never one: it interrupts a service, which is the operator's decision, and without a daemon-reload
/// first it would run the old settings.
/// </summary>
internal static class ThenCommand
{
    /// <summary>The allowed forms, as the hint shows them.</summary>
    public const string Forms = "[sysctl, -p, THE_FIX_PATH] for a sysctl drop-in, [systemctl, daemon-reload] for a systemd drop-in, nothing for limits.d";

    /// <summary>Why <paramref name="then"/> may not follow a fix that writes <paramref name="path"/> (of <paramref name="target"/>'s kind), or null.</summary>
    public static ContentViolation? Problem(IReadOnlyList<string> then, string path, FixTarget target)
    {
        if (then.Count == 0) return null;
        var shown = "[" + string.Join(", ", then.Select(InterpolationGuard.Shown)) + "]";
        if (then.Any(a => a.Contains("{{", StringComparison.Ordinal)))
            return Refuse($"'then' {shown} holds a template; 'then' is never rendered", "name the fix's path literally");
        switch (target.Kind)
        {
            case FixKind.Sysctl when then is ["sysctl", "-p", var file]:
                return file == path ? null : Refuse($"'then' {shown} loads '{file}', not the file this fix writes ('{path}')", $"write [sysctl, -p, {path}]");
            case FixKind.SystemdDropIn when then is ["systemctl", "daemon-reload"]:
                return null;
            default:
                return Refuse($"'then' {shown} is not a command a {Kind(target.Kind)} fix may run", Forms);
        }
    }

    private static string Kind(FixKind kind) => kind switch
    {
        FixKind.Sysctl => "sysctl",
        FixKind.Limits => "limits.d",
        FixKind.SystemdDropIn => "systemd drop-in",
        _ => "repository",
    };

    private static ContentViolation Refuse(string message, string hint) => new(0, Codes.FixThenNotAllowed, message, hint);
}
