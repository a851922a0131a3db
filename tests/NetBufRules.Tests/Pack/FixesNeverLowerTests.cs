using System.Globalization;
using System.Text.RegularExpressions;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Pack;

/// <summary>For every recorded host, every sysctl line a fix renders is at least the host's current value, field by field.</summary>
public sealed partial class FixesNeverLowerTests
{
    public static TheoryData<string> Snapshots() =>
        [.. Directory.GetFiles(Repo.Snapshots, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task No_rendered_sysctl_is_below_the_current_value(string name)
    {
        var snapshot = Replay.Load(name);
        var current = snapshot.Sources.Where(s => s.Key.StartsWith("file:/proc/sys/", StringComparison.Ordinal) && s.Samples[0].Succeeded)
            .ToDictionary(s => s.Key["file:/proc/sys/".Length..].Replace('/', '.'), s => s.Samples[0].Stdout.Trim());
        var checkedLines = 0;
        foreach (var fix in (await Replay.Run(snapshot)).Values.SelectMany(r => r.Fixes).Where(f => f.Path.StartsWith("/etc/sysctl.d/", StringComparison.Ordinal)))
        {
            foreach (Match line in SysctlLine().Matches(fix.Content))
            {
                var key = line.Groups["key"].Value;
                if (!current.TryGetValue(key, out var now)) continue;
                var advised = Numbers(line.Groups["value"].Value);
                var existing = Numbers(now);
                advised.Length.ShouldBe(existing.Length, $"{key} has {existing.Length} fields");
                for (var i = 0; i < advised.Length; i++)
                    advised[i].ShouldBeGreaterThanOrEqualTo(existing[i], $"{fix.Path}: {key} field {i + 1} would lower {now} to {line.Groups["value"].Value}");
                checkedLines++;
            }
        }
        if (name is "host-root" or "netns-backlog") checkedLines.ShouldBeGreaterThan(0);
    }

    private static double[] Numbers(string text) =>
        [.. text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(t => double.Parse(t, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"^(?<key>[a-z0-9_.]+) = (?<value>[\d ]+)$", RegexOptions.Multiline)]
    private static partial Regex SysctlLine();
}
