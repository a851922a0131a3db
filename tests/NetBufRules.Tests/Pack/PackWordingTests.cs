using System.Text.RegularExpressions;
using NetBufRules.Evaluate;
using NetBufRules.Lint;
using NetBufRules.Load;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Render;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Pack;

/// <summary>
/// What a tired engineer reads: every reason, ok sentence and fix the pack renders, for every recorded snapshot and
/// for this machine, has no colon with nothing after it and no NCalc; titles name causes; every symptom says in prose
/// what was healthy.
/// </summary>
public sealed partial class PackWordingTests
{
    // A colon followed by nothing, or straight by the end of a clause: "sockets dropping now:." or "...sampling:" at the end
    // (not a tc handle such as "noqueue 0:)").
    [GeneratedRegex(@"(?<!\b[0-9a-f]{1,4}):[ \t]*(?:$|[.;,)])")]
    private static partial Regex DanglingColon();

    // What a condition looks like: the pack's functions with a parenthesis, boolean operators, comparisons of names.
    [GeneratedRegex(@"\b(?:rate|delta|count|sum|maxof|minof|maxcount|among|ratio|explained|fired)\(|&&|\|\||\bnot [a-z_]+(?:\.[a-z_]+)* [<>=]|[a-z_]+\.[a-z_]+ [<>]=? [a-z_]")]
    private static partial Regex Ncalc();

    public static TheoryData<string> Snapshots() =>
        [.. Directory.GetFiles(Repo.Snapshots, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repo.Snapshots, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task No_reason_ok_sentence_or_fix_of_a_recorded_snapshot_has_a_dangling_colon_or_a_condition(string snapshot)
    {
        var recorded = SnapshotJson.Read(snapshot, File.ReadAllText(Path.Combine(Repo.Snapshots, snapshot)));
        var playbooks = PlaybookLoader.Load([Repo.Playbooks]).Playbooks;
        var report = await DiagnosisPipeline.RunAsync(playbooks, new ParamOverrides(), new SnapshotSourceReader(recorded),
            new ProbeRunOptions(TimeSpan.Zero), CliRunner.FixedHost);
        Problems(report.Results).ShouldBeEmpty();
    }

    [Fact]
    public async Task No_reason_ok_sentence_or_fix_of_this_machine_has_a_dangling_colon_or_a_condition()
    {
        var playbooks = PlaybookLoader.Load([Repo.Playbooks]).Playbooks;
        var report = await DiagnosisPipeline.RunAsync(playbooks, new ParamOverrides(), new LiveSourceReader(),
            new ProbeRunOptions(TimeSpan.FromMilliseconds(300)), HostInfo.Current());
        Problems(report.Results).ShouldBeEmpty();
    }

    [Fact]
    public void Every_symptom_of_the_pack_says_in_its_own_words_what_was_healthy()
    {
        var playbooks = PlaybookLoader.Load([Repo.Playbooks]).Playbooks;
        var missing = playbooks.SelectMany(p => p.When.Where(s => s.Ok is null).Select(s => $"{p.Id} at {s.Position}")).ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Every_title_of_the_pack_and_its_examples_names_a_cause_not_a_verdict()
    {
        var lint = PlaybookLinter.Lint([Repo.Playbooks, Path.Combine(Repo.Root, "examples", "playbooks")]);
        lint.Diagnostics.Where(d => d.Code is "NBR170" or "NBR171").ShouldBeEmpty();
    }

    [Fact]
    public async Task An_ok_finding_reads_as_prose_and_lists_each_healthy_symptom_once()
    {
        var results = await Replay.Run(Replay.Load("netns-healthy"));
        var backlog = results["tcp-backlog"];
        backlog.Status.ShouldBe(FindingStatus.Ok);
        backlog.OkReasons.ShouldContain("no accept queue overflowed during sampling");
        backlog.OkReasons.ShouldContain("no listener has more connections waiting than its backlog");
        backlog.Reason.ShouldStartWith(backlog.OkReasons[0]);
        backlog.Reason.ShouldNotContain("max_overflows_per_s");
    }

    private static List<string> Problems(IReadOnlyList<RenderedFinding> results)
    {
        var problems = new List<string>();
        foreach (var r in results)
        {
            var id = r.Finding.Playbook.Id;
            foreach (var text in r.OkReasons.Append(r.Reason))
            {
                if (DanglingColon().Match(text) is { Success: true } colon)
                    problems.Add($"{id} ({r.Status}): dangling colon at {colon.Index}: {text}");
                if (r.Status != FindingStatus.Error && Ncalc().Match(text) is { Success: true } code)
                    problems.Add($"{id} ({r.Status}): reads as a condition ('{code.Value}'): {text}");
            }
            foreach (var fix in r.Fixes)
            {
                // A comment line may end in a colon before the next line; a value or a clause may not.
                foreach (var line in fix.Content.Split('\n').Where(l => !l.TrimStart().StartsWith('#')))
                    if (DanglingColon().IsMatch(line)) problems.Add($"{id}: fix {fix.Path} line '{line}'");
            }
        }
        return problems;
    }
}
