using System.CommandLine;
using System.Text;
using System.Text.Json;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Report;
using NetBufRules.Validate;

namespace NetBufRules.Cli;

internal sealed partial class CliApp
{
    private Command ListCommand()
    {
        var selection = new SetOptions("the built-in pack", withStrict: false);
        var format = new Option<string>("--format", "-f") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("list", "List the playbooks of packs: id, title, severity, tags, pack and its version") { format };
        selection.AddTo(command);
        command.SetAction(async (result, _) =>
        {
            var set = await LoadSetAsync(result.GetValue(selection.Paths) ?? [], result.GetValue(selection.Config), selection.Selection(result)).ConfigureAwait(false);
            if (set is null) return ExitCodes.Usage;
            var rows = set.Playbooks.Select(p => (Playbook: p, Pack: set.PackOf(p))).ToList();
            await host.Out.WriteAsync(result.GetValue(format) == "json" ? ListJson(rows) : Primitives.HostText.EscapeLines(ListText(rows))).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One aligned line per playbook under a header.</summary>
    internal static string ListText(IReadOnlyList<(Playbook Playbook, Packs.Pack Pack)> rows)
    {
        string[] header = ["ID", "TITLE", "SEVERITY", "TAGS", "PACK", "VERSION"];
        var cells = rows.Select(r => new[]
        {
            r.Playbook.Id, r.Playbook.Title, StatusWords.Of(r.Playbook.Severity), string.Join(",", r.Playbook.Tags), r.Pack.Name, r.Pack.Version ?? "-",
        }).ToList();
        var widths = header.Select((h, i) => cells.Select(c => c[i].Length).Prepend(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        foreach (var line in cells.Prepend(header))
            sb.Append(string.Join("  ", line.Select((c, i) => i == line.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd()).Append('\n');
        return sb.ToString();
    }

    /// <summary><c>{"playbooks": [{id, title, severity, tags, pack, version}]}</c>.</summary>
    internal static string ListJson(IReadOnlyList<(Playbook Playbook, Packs.Pack Pack)> rows)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("playbooks");
            foreach (var (p, pack) in rows)
            {
                json.WriteStartObject();
                json.WriteString("id", p.Id);
                json.WriteString("title", Primitives.JsonOutput.Sentence(p.Title));
                json.WriteString("severity", StatusWords.Of(p.Severity));
                json.WriteStartArray("tags");
                foreach (var tag in p.Tags) json.WriteStringValue(tag);
                json.WriteEndArray();
                json.WriteString("pack", pack.Name);
                if (pack.Version is null) json.WriteNull("version");
                else json.WriteString("version", pack.Version);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
