using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using NetBufRules.Primitives;
using NetBufRules.Tests.Hostile;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Output;

/// <summary>A process or host name is hostile: in Markdown it stays text, in HTML it never becomes markup.</summary>
public sealed class HostileOutputTests
{
    /// <summary>A process name with markup, Markdown syntax, a table pipe, a URL and an ESC sequence.</summary>
    private const string Process = "<script>alert(1)</script><img src=x onerror=alert(2)>*bold*_it_[link](http://evil.example)|cell|\u001b[31m`code`";

    private static string Snapshot(RobustnessScratch scratch)
    {
        // The process name sits inside ss's users:(("python3",pid=...)), a JSON string in the snapshot.
        var text = File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-backlog.json"))
            .Replace("\\\"python3\\\"", "\\\"" + System.Text.Json.JsonEncodedText.Encode(Process).Value + "\\\"", StringComparison.Ordinal);
        var snapshot = JsonNode.Parse(text)!.AsObject();
        snapshot["host"]!["hostname"] = "<h1>owned</h1>";
        return scratch.Write("evil.json", snapshot.ToJsonString());
    }

    [Fact]
    public async Task The_hostile_process_name_reaches_the_report_as_a_culprit()
    {
        using var scratch = new RobustnessScratch();
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot(scratch), "--format", "json");
        output.ShouldContain("onerror=alert(2)");
    }

    [Fact]
    public async Task In_html_a_hostile_name_is_text_never_an_element_or_an_attribute()
    {
        using var scratch = new RobustnessScratch();
        var (_, html, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot(scratch), "--format", "html");
        html.Where(c => HostText.IsUnsafe(c) && c != '\n').ShouldBeEmpty();
        html.ShouldNotContain("<script");
        html.ShouldNotContain("<img");
        html.ShouldNotContain("<h1>owned");
        var document = new HtmlParser().ParseDocument(html);
        document.QuerySelectorAll("script, img, a").ShouldBeEmpty();
        document.QuerySelectorAll("h1").Select(h => h.TextContent).ShouldBe(["netbufrules on <h1>owned</h1>"]);
        document.Body!.TextContent.ShouldContain("<script>alert(1)</script><img src=x onerror=alert(2)>*bold*");
    }

    [Fact]
    public async Task In_markdown_a_hostile_name_cannot_emphasise_link_break_a_table_or_embed_html()
    {
        using var scratch = new RobustnessScratch();
        var (_, markdown, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Snapshot(scratch), "--format", "markdown");
        markdown.Where(c => HostText.IsUnsafe(c) && c != '\n').ShouldBeEmpty();
        markdown.ShouldStartWith("# netbufrules on \\<h1\\>owned\\</h1\\>\n");
        markdown.ShouldContain("\\<script\\>alert(1)\\</script\\>\\<img src=x onerror=alert(2)\\>\\*bold\\*\\_it\\_\\[link\\](http\\://evil.example)\\|cell\\|\\\\x1b\\[31m\\`code\\`");
        // Every table row still has exactly its two cells: no unescaped pipe from the name split one.
        foreach (var row in markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| host", StringComparison.Ordinal)))
            System.Text.RegularExpressions.Regex.Count(row, @"(?<!\\)\|").ShouldBe(3, row);
    }

    [Theory]
    [InlineData("a@ev.il", "a\\@ev.il")]
    [InlineData("www.ev.il", "www\\.ev.il")]
    [InlineData("x:https://ev.il", "x:https\\://ev.il")]
    public void A_name_spelled_like_an_email_or_a_url_is_escaped_where_github_would_make_it_a_link(string name, string escaped)
    {
        // GitHub autolinks user@host and www. and scheme:// in plain text; an escaped '@', '.' or ':' breaks the pattern.
        NetBufRules.Output.MarkdownText.Escape(name).ShouldBe(escaped);
    }
}
