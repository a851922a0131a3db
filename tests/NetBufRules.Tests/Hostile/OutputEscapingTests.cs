using System.Text.Json;
using System.Text.Json.Nodes;
using NetBufRules.Primitives;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Hostile;

/// <summary>Names from the host, a snapshot or a playbook cannot forge a line or recolour the terminal in any human output; JSON stays JSON.</summary>
public sealed class OutputEscapingTests
{
    /// <summary>ESC sequences (7-bit and the 8-bit CSI), a newline that starts a forged line, DEL, a bidi override.</summary>
    private const string Evil = "evil\u001b[31mhost\n[FIRED]     forged: everything is fine\r\u007f\u009b2J\u202egnp.exe";

    private static void ShouldBeTerminalSafe(string output)
    {
        output.Where(c => HostText.IsUnsafe(c) && c != '\n').ShouldBeEmpty();
        output.Split('\n').ShouldNotContain(line => line.StartsWith("[FIRED]     forged", StringComparison.Ordinal));
    }

    private static string Snapshot(RobustnessScratch scratch, string name = "evil.json")
    {
        var snapshot = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-backlog.json")))!.AsObject();
        snapshot["host"]!["hostname"] = Evil;
        snapshot["host"]!["kernel"] = Evil;
        return scratch.Write(name, snapshot.ToJsonString());
    }

    [Fact]
    public void Every_control_character_and_bidi_override_is_written_as_a_visible_escape()
    {
        HostText.Escape("a\u001b[31mb\nc\td\re\u007f\u0085\u009b\u202a\u202e\u2066\u2069").ShouldBe(@"a\x1b[31mb\nc\td\re\x7f\x85\x9b\u202a\u202e\u2066\u2069");
        HostText.EscapeLines("one\ntwo\u001b").ShouldBe("one\ntwo\\x1b");
        HostText.Escape("plain ascii, üñí and 日本").ShouldBe("plain ascii, üñí and 日本");
    }

    [Fact]
    public void Invisible_format_characters_and_lone_surrogates_are_escaped_so_a_name_cannot_pass_for_another()
    {
        // Zero-width space, BOM, soft hyphen, word joiner, zero-width joiner, Mongolian vowel separator, a tag character.
        HostText.Escape("ng\u200binx\ufeff\u00ad\u2060\u200d\u180e\U000E0041").ShouldBe(@"ng\u200binx\ufeff\xad\u2060\u200d\u180e\U000e0041");
        HostText.Escape("a\ud800b\udc00").ShouldBe(@"a\ud800b\udc00");
        HostText.EscapeLines("host\u200b\nnext").ShouldBe("host\\u200b\nnext");
        // A pair that is not a format character (an emoji) stays as it is.
        HostText.Escape("ok \U0001F600").ShouldBe("ok \U0001F600");
    }

    [Fact]
    public async Task A_snapshot_host_name_with_escapes_and_a_newline_cannot_forge_a_text_report_line()
    {
        using var scratch = new RobustnessScratch();
        var (_, output, _) = await CliRunner.Run("run", "--from", Snapshot(scratch));
        ShouldBeTerminalSafe(output);
        output.ShouldStartWith(@"netbufrules: evil\x1b[31mhost\n[FIRED]     forged: everything is fine\r\x7f\x9b2J\u202egnp.exe (kernel evil");
    }

    [Fact]
    public async Task The_fleet_summary_escapes_host_labels_taken_from_file_names()
    {
        using var scratch = new RobustnessScratch();
        Snapshot(scratch, "a\u001b[2Jwiped.json");
        File.Copy(Path.Combine(Repo.Snapshots, "netns-healthy.json"), Path.Combine(scratch.Root, "b.json"));
        var (code, output, error) = await CliRunner.Run("run", "--from", scratch.Root, "--only-fired");
        error.ShouldBeEmpty();
        code.ShouldBe(1);
        ShouldBeTerminalSafe(output);
        output.ShouldContain(@"=== a\x1b[2Jwiped");
        output.ShouldContain(@"(a\x1b[2Jwiped)");
    }

    [Fact]
    public async Task Json_reports_keep_the_exact_host_name_escaped_as_json()
    {
        using var scratch = new RobustnessScratch();
        var (_, output, _) = await CliRunner.Run("run", "--from", Snapshot(scratch), "--format", "json");
        output.Where(c => HostText.IsUnsafe(c) && c != '\n').ShouldBeEmpty();
        output.ShouldContain(@"\u001b[31mhost\n[FIRED]");
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("host").GetProperty("hostname").GetString().ShouldBe(Evil);
    }

    [Fact]
    public async Task Lint_text_and_github_formats_escape_what_a_playbook_holds()
    {
        using var scratch = new RobustnessScratch();
        var file = scratch.Write("evil.yaml", RobustnessScratch.Playbook("evil", "    file: /proc/loadavg", "v > 0", "\"\\e[31mcolour\\nme\": 1\n"));
        foreach (var format in new[] { "text", "github", "sarif", "json" })
        {
            var (code, output, _) = await CliRunner.Run("lint", file, "--format", format);
            code.ShouldBe(1);
            output.Where(c => HostText.IsUnsafe(c) && c != '\n').ShouldBeEmpty(format);
            if (format is "text" or "github") output.ShouldContain(@"unknown key '\x1b[31mcolour", customMessage: format);
        }
    }

    [Fact]
    public async Task Explain_escapes_a_title_with_terminal_codes_but_keeps_its_own_lines()
    {
        using var scratch = new RobustnessScratch();
        var text = RobustnessScratch.Playbook("evil", "    file: /proc/loadavg", "v > 0")
            .Replace("title: Hostile evil", "title: \"Hostile\\e]0;pwned\\a evil\"", StringComparison.Ordinal);
        var file = scratch.Write("evil.yaml", text);
        var (code, output, _) = await CliRunner.Run("explain", "evil", "--playbooks", file);
        code.ShouldBe(0);
        ShouldBeTerminalSafe(output);
        output.ShouldStartWith(@"evil: Hostile\x1b]0;pwned\x07 evil (warning)" + "\n");
    }
}
