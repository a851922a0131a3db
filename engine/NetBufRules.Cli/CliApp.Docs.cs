using System.CommandLine;
using System.Text;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Packs;
using NetBufRules.Report;

namespace NetBufRules.Cli;

internal sealed partial class CliApp
{
    private Command DocsCommand()
    {
        var pack = new Argument<string>("pack") { Description = "The pack: a folder, or 'builtin' for the built-in pack" };
        var config = new Option<string?>("--config") { Description = "The repository config (default: .netbufrules.yaml beside the pack or in a parent folder)" };
        var command = new Command("docs", "Write a Markdown catalogue of a pack (causes, signals, params with defaults and sources, fixes) for a team's wiki") { pack, config };
        command.SetAction(async (result, _) =>
        {
            var set = await LoadSetAsync([result.GetValue(pack) ?? Pack.BuiltInName], result.GetValue(config), PlaybookSelection.All).ConfigureAwait(false);
            if (set is null) return ExitCodes.Usage;
            await host.Out.WriteAsync(Catalogue(set.Packs, set.Playbooks, set.PackOf)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A pack as Markdown: a table of its causes, then each one's signals, params, fixes and why.</summary>
    internal static string Catalogue(IReadOnlyList<Pack> packs, IReadOnlyList<Playbook> playbooks, Func<Playbook, Pack> packOf)
    {
        var sb = new StringBuilder();
        foreach (var pack in packs)
        {
            var own = playbooks.Where(p => packOf(p) == pack).ToList();
            sb.Append($"# {Inline(pack.Name)}{(pack.Version is null ? "" : $" {Inline(pack.Version)}")}\n\n");
            if (pack.Description is { Length: > 0 } description) sb.Append(Prose(description)).Append('\n');
            if (pack.Manifest?.Engine is { } engine) sb.Append($"Needs netbufrules {Span(engine.Text)}.\n\n");
            sb.Append("| id | cause | severity | tags |\n|---|---|---|---|\n");
            foreach (var p in own)
                sb.Append($"| [{Span(p.Id)}](#{Anchor(p.Id)}) | {Cell(p.Title)} | {StatusWords.Of(p.Severity)} | {Cell(string.Join(", ", p.Tags))} |\n");
            foreach (var p in own) Cause(sb, p);
        }
        return Primitives.HostText.EscapeLines(sb.ToString());
    }

    private static void Cause(StringBuilder sb, Playbook p)
    {
        sb.Append($"\n## {Inline(p.Id)}\n\n**{Inline(p.Title)}** ({StatusWords.Of(p.Severity)})");
        if (p.Tags.Count > 0) sb.Append($", tags: {string.Join(", ", p.Tags.Select(Span))}");
        sb.Append("\n\n").Append(Prose(p.Summary));
        sb.Append("\n### Signals\n\nFires when any of:\n\n");
        foreach (var s in p.When) sb.Append($"- {Span(s.Condition.Text)}\n");
        if (p.AdviseWhen.Count > 0)
        {
            sb.Append("\nAdvises (no symptom now) when any of:\n\n");
            foreach (var s in p.AdviseWhen) sb.Append($"- {Span(s.Condition.Text)}\n");
        }
        if (p.ExplainedBy.Count > 0) sb.Append($"\nRead first, as findings that can explain it: {string.Join(", ", p.ExplainedBy.Select(r => Span(r.Id)))}\n");
        sb.Append("\n### Probes\n\n| probe | reads | kind |\n|---|---|---|\n");
        foreach (var probe in p.Probes)
            sb.Append($"| {Span(probe.Name)} | {string.Join(" / else ", probe.Alternatives.Select(a => Span(a.Source.Describe())).Distinct())} | {(probe.Counter ? "counter" : "read once")} |\n");
        if (p.Params.Count > 0)
        {
            sb.Append($"\n### Params\n\nOverride with {Span($"--set {p.Id}.NAME=VALUE")} or a values file.\n\n| param | default | source |\n|---|---|---|\n");
            foreach (var param in p.Params)
                sb.Append($"| {Span(param.Name)} | {Span(Probe.Cell.Format(param.Value))} | {Cell(param.Comment ?? "")} |\n");
        }
        sb.Append("\n### Fixes\n\n");
        if (p.Fixes.Count == 0) sb.Append("No config file: the lever is not a setting, so the finding's reason says what to change.\n");
        foreach (var fix in p.Fixes)
        {
            sb.Append($"- {Span(fix.Path.Text)}");
            if (fix.Each is not null) sb.Append($", one per row of {Span(fix.Each)}");
            if (fix.Condition is not null) sb.Append($", when {Span(fix.Condition.Text)}");
            if (fix.Then.Count > 0) sb.Append($", then {Span(string.Join(' ', fix.Then))}");
            sb.Append('\n');
        }
        sb.Append("\n### Why it works\n\n").Append(Prose(p.Why));
        if (p.SeeAlso.Count > 0) sb.Append($"\nSee also: {string.Join(", ", p.SeeAlso.Select(Span))}\n");
    }

    /// <summary>A paragraph: trimmed lines, ending with a blank line.</summary>
    private static string Prose(string text) =>
        text.Trim().Length == 0 ? "" : Output.MarkdownProse.Safe(string.Join("\n", text.Trim().Split('\n').Select(l => l.TrimEnd()))) + "\n";

    /// <summary>
    /// A pack's text as one inline code span, the only way this page writes one: on one line (a code span cannot
    /// hold a line break), its backticks made quotes (one would close the span and let the rest be HTML or a link)
    /// and its pipes escaped (tables). Every code span goes through here, so no field of a shared pack can end one.
    /// </summary>
    private static string Span(string text) =>
        "`" + string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + "`";

    /// <summary>A heading's anchor: GitHub's slug (lower case, letters, digits, '-' and '_'), whatever the id holds.</summary>
    private static string Anchor(string id) => new(id.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());

    /// <summary>A table cell: one line, pipes escaped.</summary>
    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Inline(string text) => Output.MarkdownProse.Safe(string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
}
