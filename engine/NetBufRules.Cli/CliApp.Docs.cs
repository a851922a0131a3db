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
            sb.Append($"# {Inline(pack.Name)}{(pack.Version is null ? "" : $" {pack.Version}")}\n\n");
            if (pack.Description is { Length: > 0 } description) sb.Append(Prose(description)).Append('\n');
            if (pack.Manifest?.Engine is { } engine) sb.Append($"Needs netbufrules {Code(engine.Text)}.\n\n");
            sb.Append("| id | cause | severity | tags |\n|---|---|---|---|\n");
            foreach (var p in own)
                sb.Append($"| [`{p.Id}`](#{p.Id}) | {Cell(p.Title)} | {StatusWords.Of(p.Severity)} | {Cell(string.Join(", ", p.Tags))} |\n");
            foreach (var p in own) Cause(sb, p);
        }
        return Primitives.HostText.EscapeLines(sb.ToString());
    }

    private static void Cause(StringBuilder sb, Playbook p)
    {
        sb.Append($"\n## {p.Id}\n\n**{Inline(p.Title)}** ({StatusWords.Of(p.Severity)})");
        if (p.Tags.Count > 0) sb.Append($", tags: {string.Join(", ", p.Tags.Select(t => $"`{t}`"))}");
        sb.Append("\n\n").Append(Prose(p.Summary));
        sb.Append("\n### Signals\n\nFires when any of:\n\n");
        foreach (var s in p.When) sb.Append($"- `{Code(s.Condition.Text)}`\n");
        if (p.AdviseWhen.Count > 0)
        {
            sb.Append("\nAdvises (no symptom now) when any of:\n\n");
            foreach (var s in p.AdviseWhen) sb.Append($"- `{Code(s.Condition.Text)}`\n");
        }
        if (p.ExplainedBy.Count > 0) sb.Append($"\nRead first, as findings that can explain it: {string.Join(", ", p.ExplainedBy.Select(r => $"`{r.Id}`"))}\n");
        sb.Append("\n### Probes\n\n| probe | reads | kind |\n|---|---|---|\n");
        foreach (var probe in p.Probes)
            sb.Append($"| `{probe.Name}` | {string.Join(" / else ", probe.Alternatives.Select(a => $"`{Code(a.Source.Describe())}`").Distinct())} | {(probe.Counter ? "counter" : "read once")} |\n");
        if (p.Params.Count > 0)
        {
            sb.Append($"\n### Params\n\nOverride with `--set {p.Id}.NAME=VALUE` or a values file.\n\n| param | default | source |\n|---|---|---|\n");
            foreach (var param in p.Params)
                sb.Append($"| `{param.Name}` | `{Code(Probe.Cell.Format(param.Value))}` | {Cell(param.Comment ?? "")} |\n");
        }
        sb.Append("\n### Fixes\n\n");
        if (p.Fixes.Count == 0) sb.Append("No config file: the lever is not a setting, so the finding's reason says what to change.\n");
        foreach (var fix in p.Fixes)
        {
            sb.Append($"- `{Code(fix.Path.Text)}`");
            if (fix.Each is not null) sb.Append($", one per row of `{fix.Each}`");
            if (fix.Condition is not null) sb.Append($", when `{Code(fix.Condition.Text)}`");
            if (fix.Then.Count > 0) sb.Append($", then `{Code(string.Join(' ', fix.Then))}`");
            sb.Append('\n');
        }
        sb.Append("\n### Why it works\n\n").Append(Prose(p.Why));
        if (p.SeeAlso.Count > 0) sb.Append($"\nSee also: {string.Join(", ", p.SeeAlso.Select(id => $"`{id}`"))}\n");
    }

    /// <summary>A paragraph: trimmed lines, ending with a blank line.</summary>
    private static string Prose(string text) =>
        text.Trim().Length == 0 ? "" : Output.MarkdownProse.Safe(string.Join("\n", text.Trim().Split('\n').Select(l => l.TrimEnd()))) + "\n";

    /// <summary>Inline code on one line (Markdown code spans cannot hold a line break).</summary>
    private static string Code(string text) => string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>A table cell: one line, pipes escaped.</summary>
    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Inline(string text) => Output.MarkdownProse.Safe(string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
}
