using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetBufRules.Primitives;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe.Extract;

/// <summary>
/// A kernel-log pattern is tried only at the lines holding its first-line literals; a line skipped wrongly would hide an
/// OOM kill, so the scan is held to the regex engine's own Matches on the pack's patterns, every recorded output and
/// thousands of random patterns and texts.
/// </summary>
public sealed class RegexScanTests
{
    [Theory]
    [InlineData(@"^\[ *(?<t>[\d.]+)\][^\n]*?(?<kind>Out of memory|Memory cgroup out of memory): Killed process (?<pid>\d+) \((?<comm>[^)]+)\)", new[] { ": Killed process ", " (", "[", "]" })]
    [InlineData(@"^\[ *(?<t>[\d.]+)\] *memory: usage (?<u>\d+)kB, limit (?<l>\d+)kB(?:(?!memory: usage)[\s\S])*?oom-kill", new[] { "memory: usage ", "kB, limit ", "kB", "[", "]" })]
    [InlineData(@"^\[\s*(?<t>[\d.]+)\] x", new[] { "[" })]
    [InlineData(@"^ab(?=c\n)cd", new[] { "ab", "cd" })]
    [InlineData(@"^ab[^x]cd", new[] { "ab" })]
    [InlineData(@"^ab[^\s]cd\n", new[] { "ab", "cd" })]
    [InlineData(@"^a(?:b|c\n)d", new[] { "a" })]
    public void The_literals_on_a_matchs_first_line_are_read_up_to_what_could_match_a_newline(string pattern, string[] expected) =>
        RegexLiterals.FirstLine(pattern).OrderBy(l => l, StringComparer.Ordinal).ShouldBe(expected.OrderBy(l => l, StringComparer.Ordinal));

    [Theory]
    [InlineData(@"ab^cd")]
    [InlineData(@"^ab|cd")]
    [InlineData(@"(?s)^ab")]
    [InlineData(@"^\s*ab")]
    [InlineData(@"^[\d\n]ab")]
    [InlineData(@"^\GKEYX(?<a>\d)")]
    [InlineData("^\\\nKEYX")]
    public void A_pattern_whose_matches_may_start_mid_line_or_that_it_cannot_read_has_none(string pattern) =>
        RegexLiterals.FirstLine(pattern).ShouldBeEmpty();

    [Fact]
    public void Every_kernel_log_pattern_of_the_pack_is_matched_line_by_line()
    {
        // The interpreted engine walks a 100 KB log in milliseconds per pattern; these must keep a long first-line literal.
        var patterns = PackPatterns().Where(p => p.StartsWith(@"^\[", StringComparison.Ordinal)).ToList();
        patterns.Count.ShouldBeGreaterThanOrEqualTo(4);
        foreach (var pattern in patterns) RegexLiterals.FirstLine(pattern).ShouldContain(l => l.Length >= 8, $"/{pattern}/");
    }

    [Fact]
    public void On_every_recorded_output_each_pack_pattern_gives_the_regex_engines_matches()
    {
        var texts = Directory.GetFiles(Repo.Snapshots, "*.json")
            .SelectMany(f => JsonDocument.Parse(File.ReadAllBytes(f)).RootElement.GetProperty("sources").EnumerateArray()
                .SelectMany(s => s.GetProperty("samples").EnumerateArray().Select(x => x.GetProperty("stdout").GetString() ?? "")))
            .Where(t => t.Length >= 4096).Distinct(StringComparer.Ordinal).ToList();
        texts.Count.ShouldBeGreaterThan(3);
        var compared = 0;
        foreach (var pattern in PackPatterns().Where(p => !p.Contains("(?<=", StringComparison.Ordinal)))
        {
            foreach (var text in texts) compared += Same(pattern, text);
        }
        compared.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void On_random_anchored_patterns_and_long_texts_the_scan_gives_the_regex_engines_matches()
    {
        string[] pieces = ["a", "b", "ab", @"\.", @"\(", @"\d", @"\s", "[ab]", "[^a]", @"[^\n]", @"[^\s]", "(?:ab)", "(?:a|b)", "(?<n>ba)", "?", "*",
            "+", "*?", "{2}", "{0,1}", "|", ".", "^", "$", "(?=a)", "(?!b)", "(?<=a)", @"\n", "c", " ", "(a)?", "(?:b)+", @"\b", "(?:a|bc)x",
            @"[\s\S]", @"\S", "(?:.\n)", @"(?<q>\d)", @"\k<q>", @"\1", "x"];
        var random = new Random(20261127);
        var compared = 0;
        var planned = 0;
        for (var n = 0; n < 3000; n++)
        {
            var builder = new StringBuilder("^");
            for (var k = random.Next(1, 7); k > 0; k--) builder.Append(pieces[random.Next(pieces.Length)]);
            var pattern = builder.ToString();
            try
            {
                RegexCache.Get(pattern);
            }
            catch (ArgumentException)
            {
                continue;
            }
            if (RegexLiterals.FirstLine(pattern).Count > 0) planned++;
            // Long texts of short lines over the pieces' own characters, so that matches are many.
            var text = new StringBuilder();
            const string alphabet = "ab.( \n1c{}x\n\n";
            while (text.Length < 4200) text.Append(alphabet[random.Next(alphabet.Length)]);
            compared += Same(pattern, text.ToString());
        }
        planned.ShouldBeGreaterThan(500);
        compared.ShouldBeGreaterThan(5000);
    }

    [Fact]
    public void A_backtracking_pattern_runs_out_of_time_over_all_its_lines_not_per_line()
    {
        // Each line takes milliseconds (well inside the 200 ms limit), hundreds of them take seconds: the search for
        // the next match has the limit, as in Regex.Matches, so the probe fails instead of stalling the run.
        var text = string.Concat(Enumerable.Repeat("x" + new string('a', 22) + "cb\n", 400));
        Should.Throw<RegexMatchTimeoutException>(() => RegexScan.Matches(@"^x(a|aa)+b", text).ToList());
    }

    [Fact]
    public void Patterns_the_red_team_found_give_the_regex_engines_matches()
    {
        // \G (where the last match ended) and a backslash before a real line feed fooled the first-line reading.
        var text = string.Concat(Enumerable.Range(0, 300).Select(i => $"filler line {i}\n")) + "KEYX1\nKEYX2\nx\ny7longliteral9\n";
        Same(@"^\GKEYX(?<a>\d)", text);
        Same(@"^\GKEYX(?<a>\d)\n?", text);
        Same(@"^KEYX(?<a>\d)\n?\G", text);
        Same("^x\\\ny\\d+longliteral(?<a>\\d+)", text).ShouldBe(1);
    }

    [Fact]
    public void A_pattern_nested_thousands_deep_is_read_as_unsure_not_a_stack_overflow()
    {
        var deep = string.Concat(Enumerable.Repeat("(?:", 100_000)) + "KEYX" + string.Concat(Enumerable.Repeat(")", 100_000)) + @"(?<a>\d)";
        RegexLiterals.Required(deep).ShouldBeEmpty();
        RegexLiterals.FirstLine("^" + deep).ShouldBeEmpty();
    }

    /// <summary>Asserts the scan's matches equal the engine's (place, text and every group); their number.</summary>
    private static int Same(string pattern, string text)
    {
        // The 200 ms limit is wall-clock: on a loaded CI machine a match can be descheduled past it, which says nothing
        // about what either finds. Tried again; a pattern that backtracks for real times out every time.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return SameOnce(pattern, text);
            }
            catch (RegexMatchTimeoutException) when (attempt < 3)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static int SameOnce(string pattern, string text)
    {
        var expected = RegexCache.Get(pattern).Matches(text).ToList();
        var actual = RegexScan.Matches(pattern, text).ToList();
        actual.Select(Describe).ShouldBe(expected.Select(Describe), $"/{pattern}/");
        (RegexScan.First(pattern, text).Success ? Describe(RegexScan.First(pattern, text)) : "none")
            .ShouldBe(expected.Count > 0 ? Describe(expected[0]) : "none", $"/{pattern}/");
        return expected.Count;
    }

    private static string Describe(Match m) =>
        $"{m.Index}+{m.Length}:" + string.Join(",", m.Groups.Keys.Select(k => $"{k}={(m.Groups[k].Success ? m.Groups[k].Index + "+" + m.Groups[k].Length : "-")}"));

    private static List<string> PackPatterns() =>
        [.. Directory.GetFiles(Repo.Playbooks, "*.yaml")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"regex: '((?:[^']|'')*)'").Select(m => m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)];
}
