using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetBufRules.Primitives;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Hostile;

/// <summary>
/// Red team 9, trust a and b: an escape shown for host text can be read back one way only (a process named
/// <c>\x1b[31m</c> as typed is not an ESC byte), and JSON and SARIF carry a sentence as the terminal shows it, so a UI
/// that shows their values (GitHub code scanning, a dashboard) cannot show <c>ng\u200binx</c> as <c>nginx</c>.
/// </summary>
public sealed class UnambiguousEscapesTests
{
    /// <summary>A process name that is a zero-width space, a bidi override and a typed (not real) ESC escape.</summary>
    private const string Spoof = "ng\u200binx\u202e\\x1b[31m";

    /// <summary>Reads an escaped text back the one way the escapes allow; fails on a backslash it cannot place.</summary>
    private static string Unescape(string shown, bool keepNewlines)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            if (c != '\\') { sb.Append(c); continue; }
            var next = i + 1 < shown.Length ? shown[i + 1] : '\0';
            switch (next)
            {
                case '\\': sb.Append('\\'); i++; break;
                case 'n': sb.Append('\n'); i++; break;
                case 'r': sb.Append('\r'); i++; break;
                case 't': sb.Append('\t'); i++; break;
                case 'x': sb.Append((char)int.Parse(shown.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 3; break;
                case 'u': sb.Append((char)int.Parse(shown.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 5; break;
                case 'U': sb.Append(char.ConvertFromUtf32(int.Parse(shown.AsSpan(i + 2, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture))); i += 9; break;
                default: sb.Append('\\'); break; // \d, a backslash at the end or before a newline kept as it is
            }
        }
        return sb.ToString();
    }

    [Fact]
    public void A_typed_escape_is_not_the_escape_of_a_control_character()
    {
        HostText.Escape("\\x1b[31m").ShouldBe(@"\\x1b[31m");
        HostText.Escape("\u001b[31m").ShouldBe(@"\x1b[31m");
        HostText.Escape("\\\u001b").ShouldBe(@"\\\x1b");
        HostText.Escape("ng\\u200binx").ShouldNotBe(HostText.Escape("ng\u200binx"));
        HostText.Escape("a\\\\b").ShouldBe(@"a\\\b");
        // A backslash nothing could read as an escape shows as it is: a quoted regex stays readable.
        HostText.Escape(@"(?<pid>\d+)\s").ShouldBe(@"(?<pid>\d+)\s");
        HostText.Escape(@"(?<pid>\d+)\t").ShouldBe(@"(?<pid>\d+)\\t");
        HostText.EscapeLines("end\\\nnext\\").ShouldBe("end\\\nnext\\");
        HostText.Escape("end\\\nnext\\").ShouldBe(@"end\\\nnext\");
    }

    [Fact]
    public void Every_escaped_text_reads_back_as_exactly_the_text_it_shows()
    {
        // Strings made of the characters that meet at an escape: backslashes, escape letters, controls, format
        // characters, a tag character's pair, a lone surrogate and plain letters.
        string[] alphabet = ["\\", "x", "1", "b", "u", "U", "n", "t", "d", "\u001b", "\n", "\t", "\u200b", "\u202e", "\U000E0041", "\ud800", "\u0085", "é", "\U0001F600"];
        var random = new Random(9);
        for (var round = 0; round < 20_000; round++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 9)).Select(_ => alphabet[random.Next(alphabet.Length)]));
            var line = HostText.Escape(text);
            line.Where(c => HostText.IsUnsafe(c)).ShouldBeEmpty(text);
            Unescape(line, keepNewlines: false).ShouldBe(text, $"'{line}'");
            Unescape(HostText.EscapeLines(text), keepNewlines: true).ShouldBe(text, $"'{HostText.EscapeLines(text)}'");
        }
    }

    [Fact]
    public void Json_writes_every_invisible_character_as_an_escape_and_keeps_the_data()
    {
        var json = new JsonObject { ["name"] = "ng\u200binx\ufeff\u2060\U000E0041\u202e" }.ToJsonString(JsonOutput.Nodes);
        var escaped = JsonOutput.EscapeInvisible(json);
        escaped.ShouldContain(@"ng\u200binx\ufeff\u2060\udb40\udc41\u202e");
        escaped.Where(c => (HostText.IsUnsafe(c) && c != '\n') || char.IsSurrogate(c)).ShouldBeEmpty();
        JsonNode.Parse(escaped)!["name"]!.GetValue<string>().ShouldBe("ng\u200binx\ufeff\u2060\U000E0041\u202e");
        JsonOutput.EscapeInvisible("{\"ok\": \"\U0001F600 é\"}").ShouldBe("{\"ok\": \"\U0001F600 é\"}");
    }

    private static string SpoofedSnapshot(RobustnessScratch scratch, string name)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-backlog.json"));
        text.ShouldContain("python3");
        return scratch.Write(name, text.Replace("python3", JsonEncodedText.Encode(Spoof).ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_report_sentence_carries_the_escapes_the_terminal_shows_and_the_evidence_the_exact_name()
    {
        using var scratch = new RobustnessScratch();
        var file = SpoofedSnapshot(scratch, "spoof.json");
        var (_, text, _) = await CliRunner.Run("run", "--from", file);
        text.ShouldContain(@"(ng\u200binx\u202e\\x1b[31m pid 14999)");

        var (_, output, _) = await CliRunner.Run("run", "--from", file, "--format", "json");
        output.Where(c => HostText.IsUnsafe(c) && c != '\n').ShouldBeEmpty();
        using var json = JsonDocument.Parse(output);
        var backlog = json.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "tcp-backlog");
        backlog.GetProperty("reason").GetString()!.ShouldContain(@"(ng\u200binx\u202e\\x1b[31m pid 14999)");
        backlog.GetProperty("evidence").GetProperty("full_listeners").GetProperty("rows")[0].GetProperty("process").GetString().ShouldBe(Spoof);
    }

    [Fact]
    public async Task The_fleet_json_escapes_invisible_characters_and_its_reasons_as_the_summary_does()
    {
        using var scratch = new RobustnessScratch();
        SpoofedSnapshot(scratch, "a.json");
        File.Copy(Path.Combine(Repo.Snapshots, "netns-healthy.json"), Path.Combine(scratch.Root, "b.json"));
        var (code, output, error) = await CliRunner.Run("run", "--from", scratch.Root, "--format", "json");
        error.ShouldBeEmpty();
        code.ShouldBe(1);
        // The bidi override went out raw here: only the single-host report escaped it.
        output.Where(c => HostText.IsUnsafe(c) && c != '\n').ShouldBeEmpty();
        using var json = JsonDocument.Parse(output);
        var host = json.RootElement.GetProperty("hosts").EnumerateArray().Single(h => h.GetProperty("label").GetString() == "a");
        host.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "tcp-backlog")
            .GetProperty("reason").GetString()!.ShouldContain(@"(ng\u200binx\u202e\\x1b[31m pid 14999)");
    }

    [Fact]
    public async Task Sarif_and_lint_json_messages_show_a_zero_width_name_as_the_terminal_does()
    {
        using var scratch = new RobustnessScratch();
        var file = scratch.Write("spoof.yaml", RobustnessScratch.Playbook("spoof", "    file: /proc/loadavg", "v > 0", "\"ti\\u200btle\": 1\n"));
        var (_, text, _) = await CliRunner.Run("lint", file);
        text.ShouldContain(@"unknown key 'ti\u200btle'");

        var (_, sarif, _) = await CliRunner.Run("lint", file, "--format", "sarif");
        sarif.Where(c => HostText.IsUnsafe(c) && c != '\n').ShouldBeEmpty();
        using (var doc = JsonDocument.Parse(sarif))
        {
            var message = doc.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("message").GetProperty("text").GetString()!;
            message.ShouldContain(@"unknown key 'ti\u200btle'");
            message.ShouldNotContain("\u200b");
        }

        var (_, lintJson, _) = await CliRunner.Run("lint", file, "--format", "json");
        using (var doc = JsonDocument.Parse(lintJson))
        {
            var message = doc.RootElement.GetProperty("diagnostics")[0].GetProperty("message").GetString()!;
            message.ShouldContain(@"unknown key 'ti\u200btle'");
        }
    }
}
