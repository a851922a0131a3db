using NetBufRules.Diagnostics;
using NetBufRules.Model;
using NetBufRules.Policy;
using NetBufRules.Render.Content;

namespace NetBufRules.Lint;

/// <summary>
/// What the fix content policy (Render/Content) can tell before any host is probed, at its place in the YAML: the kind
/// of file a path names, a literal <c>then</c>, and every literal line and setting name of a template. Values that
/// come from the host are checked again, whole, once rendered.
/// </summary>
internal static class FixPolicyChecks
{
    /// <summary>The fix's content-policy problems, into <paramref name="bag"/>; a path already refused (NBR016) is not looked at again.</summary>
    public static void Check(Playbook playbook, FixSpec fix, SafetyPolicy policy, DiagnosticBag bag)
    {
        var shape = Shape(fix.Path.Text.Trim());
        var fixedPart = shape.Contains(FixTarget.Placeholder, StringComparison.Ordinal) ? shape[..shape.IndexOf(FixTarget.Placeholder, StringComparison.Ordinal)] : shape;
        if (!policy.AllowsFixPath(fixedPart, partial: fixedPart.Length < shape.Length)) return;
        var repository = policy.AllowedFixDirectories.Except(SafetyPolicy.Default.AllowedFixDirectories).ToList();
        var (target, problem) = FixTarget.Of(shape, repository);
        if (target is null)
        {
            bag.Error(fix.Path.Start, Codes.FixFileNotAllowed, $"fix path '{fix.Path.Text.Trim()}': {problem}", "write a drop-in: /etc/sysctl.d/NAME.conf, /etc/security/limits.d/NAME.conf or /etc/systemd/system/UNIT.service.d/NAME.conf");
            return;
        }
        // A 'then' that starts an interpreter is already NBR015.
        if (fix.Then.Count > 0 && !SafetyPolicy.Interpreters.Contains(Path.GetFileName(fix.Then[0]))
            && ThenCommand.Problem(fix.Then, fix.Path.Text.Trim(), target) is { } then)
            bag.Error(fix.ThenPosition ?? fix.Position, then.Code, then.Message, then.Hint);
        foreach (var (offset, violation) in LiteralLines(fix.Template.Text, target, Measurements.Before(playbook)))
            bag.Error(fix.Template.AtOffset(offset), violation.Code, violation.Message, violation.Hint);
    }

    /// <summary>
    /// The lines a dry render (every number 1) produces that the file's kind refuses by their shape or setting name
    /// (a line made by an expression, which the literal check cannot see); reported at the template, once per fix, and
    /// only when the literal check found nothing there. Values are not judged: a dry run's numbers are not the host's.
    /// </summary>
    public static void DryRun(Playbook playbook, FixSpec fix, string content, DiagnosticBag bag)
    {
        var shape = Shape(fix.Path.Text.Trim());
        if (!SafetyPolicy.Default.AllowsFixPath(shape.Split(FixTarget.Placeholder)[0], partial: true)) return;
        if (FixTarget.Of(shape, []).Target is not { Kind: not FixKind.Repository } target) return;
        var template = fix.Template;
        var end = template.AtOffset(template.Text.Length);
        bool Inside(SourcePosition p) => p.File == template.Start.File && p.Line >= template.Start.Line && p.Line <= end.Line;
        if (bag.Items.Any(d => d.Code == Codes.FixKeyNotAllowed && Inside(d.Position))) return;
        var lines = content.Split('\n');
        if (FixContent.Check(target, content, Measurements.Before(playbook), rendered: false).FirstOrDefault(v => v.Code == Codes.FixKeyNotAllowed) is { } v)
            bag.Error(template.Start, v.Code, $"on a dry run, line {v.Line} renders as {InterpolationGuard.Shown(lines[v.Line - 1].Trim())}: {v.Message}", v.Hint);
    }

    /// <summary>The path with each <c>{{ ... }}</c> replaced by one placeholder character.</summary>
    internal static string Shape(string text)
    {
        var result = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0) { result.Append(text, i, text.Length - i); break; }
            result.Append(text, i, open - i).Append(FixTarget.Placeholder);
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            i = close < 0 ? text.Length : close + 2;
        }
        return result.ToString();
    }

    /// <summary>Each literal line of the template (or the literal start of a templated one) that the file's kind refuses, with its offset.</summary>
    private static IEnumerable<(int Offset, ContentViolation Violation)> LiteralLines(string template, FixTarget target, Measurements known)
    {
        if (target.Kind == FixKind.Repository) yield break;
        var checker = new LineChecker(target, known, rendered: false);
        var inTag = false;
        var start = 0;
        var whole = new List<int>();
        while (start <= template.Length)
        {
            var end = template.IndexOf('\n', start);
            if (end < 0) end = template.Length;
            var line = template[start..end];
            var startsInTag = inTag;
            // Follow the tags on this line to know whether the next line starts inside one.
            for (var i = 0; i < line.Length - 1; i++)
            {
                if (!inTag && line[i] == '{' && line[i + 1] == '{') { inTag = true; i++; }
                else if (inTag && line[i] == '}' && line[i + 1] == '}') { inTag = false; i++; }
            }
            if (!startsInTag)
            {
                var open = line.IndexOf("{{", StringComparison.Ordinal);
                var at = start + line.Length - line.TrimStart(' ', '\t').Length;
                // The checker counts the whole lines it sees; a problem of the whole file names one of them.
                if (open < 0) whole.Add(at);
                var problem = open < 0 ? checker.Line(line) : checker.KeyOnly(line[..open]);
                if (problem is not null) yield return (at, problem);
            }
            start = end + 1;
        }
        foreach (var problem in checker.End()) yield return (whole[problem.Line - 1], problem);
    }
}
