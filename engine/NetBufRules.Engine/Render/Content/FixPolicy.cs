using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Render.Content;

/// <summary>The check every rendered fix passes before it reaches a report: its kind of file, its command and its every line.</summary>
internal static class FixPolicy
{
    /// <summary>
    /// Why <paramref name="rendered"/> may not be written, at its place in the playbook, or null when it may;
    /// <paramref name="repositoryDirectories"/> are the fix folders a repository's config adds (as lint checks them).
    /// </summary>
    public static string? Refusal(FixSpec fix, RenderedFix rendered, Measurements measured, IReadOnlyList<string> repositoryDirectories)
    {
        var (target, problem) = FixTarget.Of(rendered.Path, repositoryDirectories);
        if (target is null)
            return Say(fix.Path.Start, new ContentViolation(0, Codes.FixFileNotAllowed, $"fix path rendered as '{rendered.Path}': {problem}", "write a drop-in: /etc/sysctl.d/NAME.conf, /etc/security/limits.d/NAME.conf or /etc/systemd/system/UNIT.service.d/NAME.conf"));
        if (ThenCommand.Problem(rendered.Then, rendered.Path, target) is { } then) return Say(fix.ThenPosition ?? fix.Position, then);
        var violations = FixContent.Check(target, rendered.Content, measured);
        if (violations.Count == 0) return null;
        var lines = rendered.Content.Split('\n');
        var first = violations[0];
        var more = violations.Count > 1 ? $" (and {violations.Count - 1} more line(s))" : "";
        return Say(fix.Template.Start, first with
        {
            Message = $"{rendered.Path} line {first.Line} {InterpolationGuard.Shown(lines[first.Line - 1].Trim())}: {first.Message}{more}",
        });
    }

    /// <summary>The refusal as a finding's reason: the place, the code, the message, the hint, and that nothing was rendered.</summary>
    public static string Say(SourcePosition at, ContentViolation v) => $"{at}: fix refused ({v.Code}): {v.Message} (hint: {v.Hint}); no fix was rendered";
}
