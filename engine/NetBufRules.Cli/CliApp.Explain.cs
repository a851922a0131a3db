using System.CommandLine;
using System.Text;
using NetBufRules.Evaluate;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Report;

namespace NetBufRules.Cli;

internal sealed partial class CliApp
{
    private Command ExplainCommand()
    {
        var id = new Argument<string>("id") { Description = "The playbook id, e.g. tcp-backlog" };
        var from = new Option<string[]>("--playbooks", "-p") { Description = "Playbook files or folders (default: the built-in pack)" };
        var command = new Command("explain", "Say what a cause is, how it is diagnosed, its fix and why the fix works") { id, from };
        command.SetAction(async (result, _) =>
        {
            var playbooks = await LoadAsync(result.GetValue(from) ?? []).ConfigureAwait(false);
            if (playbooks is null) return ExitCodes.Usage;
            var wanted = result.GetValue(id) ?? "";
            var playbook = playbooks.FirstOrDefault(p => p.Id == wanted);
            if (playbook is null)
            {
                await host.Error.WriteLineAsync(Primitives.HostText.Escape($"netbufrules: no playbook '{wanted}' ({Suggest.Hint(wanted, [.. playbooks.Select(p => p.Id)])})")).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            await host.Out.WriteAsync(Primitives.HostText.EscapeLines(Explain(playbook))).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A playbook in words: the cause, its probes and conditions, the fix and why it works.</summary>
    internal static string Explain(Playbook p)
    {
        var sb = new StringBuilder();
        sb.Append($"{p.Id}: {p.Title} ({StatusWords.Of(p.Severity)})\n\n");
        sb.Append("WHAT IT IS\n").Append(Indent(p.Summary)).Append('\n');
        sb.Append("HOW IT IS DIAGNOSED\n");
        foreach (var probe in p.Probes)
        {
            var kind = probe.Counter ? "counter, sampled twice" : "read once";
            sb.Append($"  probe {probe.Name} ({kind}): {probe.Description ?? ""}\n");
            sb.Append($"    from: {string.Join(" | else ", probe.Alternatives.Select(a => a.Source.Describe()).Distinct())}\n");
            if (probe.Where is { } where) sb.Append($"    keeps rows where: {where.Text.Trim()}\n");
        }
        sb.Append("  fires when any of:\n");
        foreach (var s in p.When) sb.Append($"    - {s.Condition.Text.Trim()}\n");
        if (p.AdviseWhen.Count > 0)
        {
            sb.Append("  advises (no symptom) when any of:\n");
            foreach (var s in p.AdviseWhen) sb.Append($"    - {s.Condition.Text.Trim()}\n");
        }
        if (p.ExplainedBy.Count > 0)
            sb.Append($"  read first, as findings that can explain the symptom (explained_by): {string.Join(", ", p.ExplainedBy.Select(r => r.Id))}\n");
        if (p.Params.Count > 0)
            sb.Append($"  thresholds (override with --set {p.Id}.NAME=VALUE): {string.Join(", ", p.Params.Select(x => $"{x.Name}={Probe.Cell.Format(x.Value)}"))}\n");
        sb.Append("\nTHE FIX\n");
        foreach (var fix in p.Fixes)
        {
            sb.Append($"  {fix.Path.Text}{(fix.Each is null ? "" : $" (one per row of {fix.Each})")}{(fix.Condition is null ? "" : $" (when {fix.Condition.Text.Trim()})")}\n");
            foreach (var line in fix.Template.Text.TrimEnd('\n').Split('\n')) sb.Append($"    | {line}\n");
            if (fix.Then.Count > 0) sb.Append($"    then: {string.Join(' ', fix.Then)}\n");
        }
        if (p.Fixes.Count == 0) sb.Append("  no config file: the lever is not a setting, so the finding's reason says what to change (the application, the policy)\n");
        sb.Append("\nWHY IT WORKS\n").Append(Indent(p.Why));
        if (p.SeeAlso.Count > 0) sb.Append($"\nSEE ALSO\n  {string.Join(", ", p.SeeAlso)}\n");
        if (p.Origin is { } origin) sb.Append(Provenance(origin));
        return sb.ToString();
    }

    private static string Indent(string text) =>
        string.Join("", text.Trim().Split('\n').Select(l => $"  {l.TrimEnd()}\n"));
}
