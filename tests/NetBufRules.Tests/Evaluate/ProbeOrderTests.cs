using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Render;
using NetBufRules.Report;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Evaluate;

/// <summary>The order probes are written in is not part of a playbook's meaning: 'where' filters run in dependency order.</summary>
public sealed class ProbeOrderTests
{
    public static TheoryData<string> Snapshots() => [.. ProbedSnapshot.All()];

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task Swapping_any_two_probes_in_any_pack_playbook_changes_no_verdict(string snapshot)
    {
        SwapsThatChangeAVerdict(await ProbedSnapshot.Of(snapshot)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Swapping_the_backlog_playbooks_listener_probes_changes_no_verdict_when_a_process_at_its_limit_listens_without_a_full_queue()
    {
        // The recorded fd-limit fault, with an idle listener of the process at its limit (pid 15120): in the written
        // order that process is not starved, and a filter that read the unfiltered listeners would say it is.
        var snapshot = Replay.Load("netns-fd-limit").With("ss -Hltnp", "LISTEN 0      128    127.0.0.1:9000  0.0.0.0:*    users:((\"python3\",pid=15120,fd=3))\n");
        var probed = await ProbedSnapshot.Of("netns-fd-limit+idle-listener", snapshot);
        probed.Report["tcp-backlog"].Status.ShouldBe(FindingStatus.Ok, probed.Report["tcp-backlog"].Reason);
        SwapsThatChangeAVerdict(probed).ShouldBeEmpty();
    }

    /// <summary>Each pack playbook with every pair of its probes swapped, evaluated over the same probe results: the swaps whose verdict differs.</summary>
    private static List<string> SwapsThatChangeAVerdict(ProbedSnapshot probed)
    {
        var evaluator = new ConditionEvaluator();
        var renderer = new FixRenderer();
        var changed = new List<string>();
        var swaps = 0;
        foreach (var playbook in probed.Playbooks)
        {
            var unswapped = probed.Evaluate(playbook, evaluator, renderer);
            // The unswapped evaluation is the run's own verdict.
            unswapped.Status.ShouldBe(probed.Report[playbook.Id].Status, playbook.Id);
            for (var i = 0; i < playbook.Probes.Count; i++)
            {
                for (var j = i + 1; j < playbook.Probes.Count; j++)
                {
                    var probes = playbook.Probes.ToArray();
                    (probes[i], probes[j]) = (probes[j], probes[i]);
                    var swapped = probed.Evaluate(playbook with { Probes = probes }, evaluator, renderer);
                    swaps++;
                    if (swapped.Status != unswapped.Status || swapped.Reason != unswapped.Reason)
                        changed.Add($"{probed.Name}: {playbook.Id}: swapping {playbook.Probes[i].Name} and {playbook.Probes[j].Name} gives {StatusWords.Of(swapped.Status)} ({swapped.Reason}) instead of {StatusWords.Of(unswapped.Status)}");
                }
            }
        }
        swaps.ShouldBeGreaterThan(100);
        return changed;
    }

    private const string Probes = """
          listeners:
            command: [ss, -Hltnp]
            extract: { regex: '^LISTEN\s+(?<recv_q>\d+)\s+(?<send_q>\d+)\s+\S+\s+\S+\s+users:\(\("(?<process>[^"]*)",pid=(?<pid>\d+)', all: true }
            where: recv_q > send_q
          starved:
            processes: true
            where: among(pid, listeners.pid) && fds >= soft
        """;

    private static readonly FakeSourceReader Host = new FakeSourceReader()
        .With("ss -Hltnp",
            "LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:((\"sshd\",pid=10,fd=3))\nLISTEN 5 2 127.0.0.1:9000 0.0.0.0:* users:((\"python3\",pid=20,fd=3))\n")
        .With("/proc/*/{comm,fd,limits,cgroup}", "pid fds soft hard uid unit comm\n10 1024 1024 4096 0 ssh.service sshd\n20 10 1024 4096 0 - python3\n");

    private static string Swapped(string probes)
    {
        var lines = probes.Split('\n');
        var second = Array.FindIndex(lines, l => l.StartsWith("  starved:", StringComparison.Ordinal));
        return string.Join('\n', lines[second..].Concat(lines[..second]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_where_that_reads_another_filtered_probe_sees_its_filtered_rows_whichever_comes_first(bool swapped)
    {
        var yaml = Playbooks.Minimal(swapped ? Swapped(Probes) : Probes, "  - count(starved) > 0");
        var playbook = Playbooks.Parse(yaml);
        playbook.Probes[0].Name.ShouldBe(swapped ? "starved" : "listeners");
        using var runner = new NetBufRules.Probe.ProbeRunner(Host, new NetBufRules.Probe.ProbeRunOptions(TimeSpan.Zero));
        var run = await runner.RunAsync([playbook]);
        var finding = new ConditionEvaluator().Evaluate(playbook, run.For(playbook.Id), new NetBufRules.Params.ParamOverrides().Resolve(playbook));
        // sshd (pid 10) is at its limit but its listener is not full: only a full listener's process counts.
        finding.Status.ShouldBe(FindingStatus.Ok, finding.Error);
    }

    [Fact]
    public async Task Filters_that_read_each_other_in_a_cycle_make_the_finding_an_error_naming_the_cycle()
    {
        var yaml = Playbooks.Minimal("""
              a:
                processes: true
                where: among(pid, b.pid)
              b:
                processes: true
                where: among(pid, a.pid)
            """, "  - count(a) > 0");
        var playbook = Playbooks.Parse(yaml);
        using var runner = new NetBufRules.Probe.ProbeRunner(Host, new NetBufRules.Probe.ProbeRunOptions(TimeSpan.Zero));
        var run = await runner.RunAsync([playbook]);
        var finding = new ConditionEvaluator().Evaluate(playbook, run.For(playbook.Id), new NetBufRules.Params.ParamOverrides().Resolve(playbook));
        finding.Status.ShouldBe(FindingStatus.Error);
        (finding.Error ?? "").ShouldContain("cycle (a -> b -> a)");
    }

    [Fact]
    public void The_filter_order_is_by_dependency_and_otherwise_by_name()
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal("""
              z:
                processes: true
                where: among(pid, m.pid)
              m:
                processes: true
                where: fds > 0
              b:
                processes: true
                where: among(pid, z.pid) && among(pid, m.pid)
              a:
                processes: true
                where: soft > 0
            """, "  - count(b) > 0"));
        WhereOrder.Plan(playbook).Order.Select(p => p.Name).ShouldBe(["a", "m", "z", "b"]);
    }
}
