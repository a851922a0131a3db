using System.Text;
using System.Text.RegularExpressions;
using NetBufRules.Primitives;
using NetBufRules.Probe.Extract;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe.Extract;

/// <summary>
/// The literals a regex needs let a kernel log without them skip the regex; a literal named wrongly would hide a real
/// match, so the reading is held to the regex engine itself on many patterns and texts.
/// </summary>
public sealed class RegexLiteralsTests
{
    [Theory]
    [InlineData(@"^\[\s*(?<t>[\d.]+)\][^\n]*?(?<kind>Out of memory|Memory cgroup out of memory): Killed process (?<pid>\d+) \((?<comm>[^)]+)\)", new[] { ": Killed process ", " (", ")", "[", "]" })]
    [InlineData(@"^oom_kill (?<value>\d+)", new[] { "oom_kill " })]
    [InlineData(@"^UDP: inuse (?<inuse>\d+) mem (?<mem>\d+)", new[] { "UDP: inuse ", " mem " })]
    [InlineData(@"ab?c", new[] { "a", "c" })]
    [InlineData(@"(?:abc)?def", new[] { "def" })]
    [InlineData(@"(?:abc)+def", new[] { "def", "abc" })]
    [InlineData(@"x{2}yz", new[] { "yz" })]
    [InlineData(@"a{b}", new[] { "a{b}" })]
    public void The_literals_every_match_needs_are_read_from_the_pattern(string pattern, string[] expected) =>
        RegexLiterals.Required(pattern).OrderBy(l => l, StringComparer.Ordinal).ShouldBe(expected.OrderBy(l => l, StringComparer.Ordinal));

    [Theory]
    [InlineData("abc|def")]
    [InlineData("(?i)abc")]
    [InlineData("(?x) a b c")]
    [InlineData(@"(?(x)abc|def)")]
    [InlineData(@"(?=abc)\w+")]
    [InlineData(@"(?<=abc)\w+")]
    [InlineData(@"(?!abc)\w+")]
    [InlineData(@"[abc]\d\s.")]
    public void A_pattern_it_cannot_be_sure_of_gives_no_literal(string pattern) =>
        RegexLiterals.Required(pattern).ShouldBeEmpty();

    [Fact]
    public void Every_playbook_regex_names_only_literals_its_matches_contain()
    {
        var patterns = Directory.GetFiles(Repo.Playbooks, "*.yaml")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"(?:regex|unusable_if): '((?:[^']|'')*)'").Select(m => m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal)))
            .ToList();
        patterns.Count.ShouldBeGreaterThan(20);
        var texts = Directory.GetFiles(Repo.Snapshots, "*.json").Take(6)
            .SelectMany(f => System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(f)).RootElement.GetProperty("sources").EnumerateArray()
                .SelectMany(s => s.GetProperty("samples").EnumerateArray().Select(x => x.GetProperty("stdout").GetString() ?? "")))
            .Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var matched = 0;
        foreach (var pattern in patterns)
        {
            // No time limit here (the machine may be busy), and the lookbehind patterns only on short outputs (they are slow on long ones).
            var regex = new Regex(pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant);
            foreach (var text in texts.Where(t => t.Length < 5000 || !pattern.Contains("(?<=", StringComparison.Ordinal)))
            {
                foreach (Match m in regex.Matches(text))
                {
                    matched++;
                    foreach (var literal in RegexLiterals.Required(pattern)) m.Value.ShouldContain(literal, Case.Sensitive, $"/{pattern}/");
                }
            }
        }
        matched.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void On_random_patterns_and_texts_a_match_always_contains_the_literals_named()
    {
        // Patterns built from pieces that stress the reader: escapes, classes, groups, optional parts, counts, alternation.
        string[] pieces = ["a", "b", "ab", @"\.", @"\(", @"\d", @"\s", "[ab]", "[^a]", "(?:ab)", "(?:a|b)", "(?<n>ba)", "?", "*", "+", "{2}", "{0,1}",
            "{1,}", "|", ".", "^", "$", "(?=a)", "(?!b)", "(?<=a)", "{", "}", @"\n", "c", " ", "(a)?", "(?:b)+", @"\b", "(?:a|bc)x"];
        var random = new Random(20251126);
        var checkedMatches = 0;
        for (var n = 0; n < 4000; n++)
        {
            var builder = new StringBuilder();
            for (var k = random.Next(1, 8); k > 0; k--) builder.Append(pieces[random.Next(pieces.Length)]);
            var pattern = builder.ToString();
            Regex regex;
            try
            {
                regex = new Regex(pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant);
            }
            catch (ArgumentException)
            {
                continue;
            }
            var required = RegexLiterals.Required(pattern);
            for (var t = 0; t < 8; t++)
            {
                var text = new string([.. Enumerable.Range(0, random.Next(0, 24)).Select(_ => "ab.( \n1c{}x"[random.Next(11)])]);
                foreach (Match m in regex.Matches(text))
                {
                    checkedMatches++;
                    foreach (var literal in required) m.Value.ShouldContain(literal, Case.Sensitive, $"/{pattern}/ on '{text}'");
                }
                if (required.Any(l => !text.Contains(l, StringComparison.Ordinal))) regex.IsMatch(text).ShouldBeFalse($"/{pattern}/ on '{text}'");
            }
        }
        checkedMatches.ShouldBeGreaterThan(1000);
    }
}
