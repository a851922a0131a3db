using System.Text.RegularExpressions;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Packs;

/// <summary>
/// 'docs' writes a shared pack's words (tags, params, probe paths, conditions) in code spans; a backtick in any of
/// them must not close the span and let the rest be HTML or a link in the team's wiki (red team round 5, repro-2).
/// </summary>
public sealed partial class DocsCodeSpanTests
{
    private const string Payload = "` <img src=x onerror=alert(1)> [click me](javascript:alert(1)) `";

    [Fact]
    public async Task A_backtick_in_any_field_of_a_shared_pack_never_ends_a_code_span_in_docs()
    {
        using var folder = new PackFolder();
        folder.Write("evil/pack.yaml", "name: evil\nversion: 1.0.0\n");
        folder.Write("evil/evil-spans.yaml", $$"""
            apiVersion: netbufrules/v1
            id: evil-spans
            title: T
            severity: info
            tags: [net, "tag{{Payload}}y"]
            summary: S.
            why: W.
            params:
              # c
              s: "param{{Payload}}q"
            probes:
              x:
                file: "/proc/probe{{Payload}}d"
            when:
              - if: "x == 'when{{Payload}}f'"
                message: m
            fix:
              - path: /etc/sysctl.d/90-x.conf
                if: "s == 'fix{{Payload}}h'"
                template: "net.core.somaxconn = 1\n"
            """);
        var (lint, lintOut, _) = await CliRunner.Run("lint", "--strict", Path.Combine(folder.Root, "evil"));
        lint.ShouldBe(0, lintOut);

        var (code, output, error) = await CliRunner.Run("docs", Path.Combine(folder.Root, "evil"));

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        var markup = output.Split('\n').Select(MarkdownInline.OutsideCodeSpans).ToList();
        markup.ShouldNotContain(l => RawHtml().IsMatch(l), "a pack's '<img' is outside a code span:\n" + output);
        markup.ShouldNotContain(l => RawLink().IsMatch(l), "a pack's '](javascript:' is outside a code span:\n" + output);
        // The page's own links go to its headings (#id). Each field is still in the page, in a code span, with its backticks as quotes.
        foreach (var field in new[] { "tag", "param", "probe", "when", "fix" })
            output.ShouldContain($"{field}' <img src=x onerror=alert(1)> [click me](javascript:alert(1)) '");
    }

    [Theory]
    [InlineData("`a` <b>", "  <b>")]
    [InlineData("x `` a ` b `` <i>", "x   <i>")]
    [InlineData("`open <i>", "`open <i>")]
    [InlineData("\\`a` <i>", "\\`a` <i>")]
    public void The_check_reads_code_spans_as_commonmark_does(string line, string markup) =>
        MarkdownInline.OutsideCodeSpans(line).ShouldBe(markup);

    [GeneratedRegex(@"(?<!\\)<[A-Za-z/!?]")]
    private static partial Regex RawHtml();

    [GeneratedRegex(@"(?<!\\)\]\((?!#)")]
    private static partial Regex RawLink();
}
