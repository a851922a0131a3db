using System.Globalization;
using System.Text.RegularExpressions;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Render.Content;
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

    [Fact]
    public void Every_sysctl_field_a_shipped_fix_writes_is_the_current_value_or_the_max_of_it_and_the_advice()
    {
        var playbooks = PlaybookLoader.Load([Repo.Playbooks, Path.Combine(Repo.Root, "examples", "playbooks")]).Playbooks;
        var fields = 0;
        foreach (var playbook in playbooks)
        {
            foreach (var fix in playbook.Fixes.Where(f => f.Path.Text.StartsWith("/etc/sysctl.d/", StringComparison.Ordinal)))
            {
                foreach (Match line in TemplatedSysctlLine().Matches(fix.Template.Text))
                {
                    var key = line.Groups["key"].Value;
                    FixKeys.Sysctls.ShouldContainKey(key, $"{playbook.Id} sets {key}");
                    // The probe that measures the setting (its value as text or fields, as the fix policy reads it); a table that only
                    // reads the file for its rows (tcp-backlog's backlog_row) measures nothing.
                    var probe = playbook.Probes.SingleOrDefault(p => p.Alternatives.Any(a => a.Source is FileSource { Path: var path } && path == "/proc/sys/" + key.Replace('.', '/')
                        && a.Extract.Kind is ExtractKind.Text or ExtractKind.Fields));
                    probe.ShouldNotBeNull($"{playbook.Id} sets {key} without a probe that measures it");
                    var columns = probe.Alternatives[0].Extract.Columns;
                    var expressions = line.Groups["expr"].Captures.Select(c => c.Value.Trim()).ToList();
                    expressions.Count.ShouldBe(FixKeys.Sysctls[key].Fields, $"{playbook.Id}: {line.Value}");
                    for (var i = 0; i < expressions.Count; i++)
                    {
                        var current = columns is null ? probe.Name : $"{probe.Name}.{columns[i]}";
                        var expression = expressions[i];
                        (expression == current || (expression.StartsWith("max ", StringComparison.Ordinal) && Regex.IsMatch(expression, $@"(?<![\w.]){Regex.Escape(current)}(?![\w.])")))
                            .ShouldBeTrue($"{playbook.Id}: field {i + 1} of {key} is '{expression}', not {current} or max({current}, advice)");
                        fields++;
                    }
                }
            }
        }
        fields.ShouldBeGreaterThan(15);
    }

    private static double[] Numbers(string text) =>
        [.. text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(t => double.Parse(t, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"^[ \t]*(?<key>[a-z0-9_.-]+) = (?:\{\{(?<expr>(?:(?!\}\}).)*)\}\}[ \t]*)+$", RegexOptions.Multiline)]
    private static partial Regex TemplatedSysctlLine();

    [GeneratedRegex(@"^(?<key>[a-z0-9_.]+) = (?<value>[\d ]+)$", RegexOptions.Multiline)]
    private static partial Regex SysctlLine();
}
