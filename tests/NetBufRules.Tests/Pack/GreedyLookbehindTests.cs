using System.Text.RegularExpressions;
using NetBufRules.Load;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Pack;

/// <summary>
/// multicast-limits finds each group's device by looking back to its header line. It used to look lazily (trying the
/// header at every line above, quadratic in a device's lines, 2 ms per host with a hundred groups); it now takes the
/// indented lines greedily, which end at the same header. Every row (device, group, users, each at its place) must
/// be the one the lazy pattern gave, on every recording and on an output twenty times longer.
/// </summary>
public sealed class GreedyLookbehindTests
{
    [Theory]
    [InlineData("cmd:ip\u0001maddr\u0001show", @"(?<=^\d+:\s+(?<dev>[^\s@:]+)(?:@\S*)?[ \t]*\n(?:[ \t][^\n]*\n)*?)[ \t]+inet\s+(?!224\.0\.0\.1\b)(?<group>\d+\.\d+\.\d+\.\d+)(?:\s+users\s+(?<users>\d+))?")]
    [InlineData("file:/proc/net/igmp", @"(?<=^\d+\s+(?<dev>\S+)\s*:[^\n]*\n(?:\t[^\n]*\n)*?)\t+(?!010000E0)(?<group>[0-9A-F]{8})\s+(?<users>\d+)")]
    public void The_pack_pattern_gives_the_rows_of_the_lazy_one(string key, string lazy)
    {
        var groups = PlaybookLoader.Load([Repo.Playbooks]).Playbooks.Single(p => p.Id == "multicast-limits").Probes.Single(p => p.Name == "groups");
        var pattern = groups.Alternatives.Single(a => a.Source.Key == key).Extract.Path!;
        pattern.ShouldNotBe(lazy);
        var texts = Directory.GetFiles(Repo.Snapshots, "*.json", SearchOption.AllDirectories).Select(SnapshotJson.ReadFile)
            .SelectMany(s => s.Sources.Where(x => x.Key == key).SelectMany(x => x.Samples)).Select(r => r.Stdout).Where(t => t.Length > 0).Distinct().ToList();
        texts.Count.ShouldBeGreaterThan(1);
        texts.Add(string.Concat(Enumerable.Repeat(texts.OrderByDescending(t => t.Length).First(), 20)));
        var (before, after) = (new Regex(lazy, RegexOptions.Multiline | RegexOptions.CultureInvariant), new Regex(pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant));
        var rows = 0;
        foreach (var text in texts)
        {
            Rows(after, text).ShouldBe(Rows(before, text));
            rows += before.Count(text);
        }
        rows.ShouldBeGreaterThan(100);
    }

    private static string Rows(Regex regex, string text) => string.Join("\n", regex.Matches(text).Select(m =>
        string.Join("|", regex.GetGroupNames().Where(n => !int.TryParse(n, out _)).Select(n => $"{n}={m.Groups[n].Value}@{m.Groups[n].Index}")) + $" [{m.Index},{m.Length}]"));
}
