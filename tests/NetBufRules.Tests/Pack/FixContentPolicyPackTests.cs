using NetBufRules.Load;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Render.Content;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Pack;

/// <summary>The fix content policy fits what we ship: on every recorded host, every fix of the pack and the examples passes it.</summary>
public sealed class FixContentPolicyPackTests
{
    public static TheoryData<string> Snapshots() =>
        [.. Directory.GetFiles(Repo.Snapshots, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task Every_fix_rendered_from_a_recorded_host_passes_the_content_policy(string name)
    {
        var playbooks = PlaybookLoader.Load([Repo.Playbooks, Path.Combine(Repo.Root, "examples", "playbooks")]).Playbooks;
        var snapshot = SnapshotJson.Read(name, File.ReadAllText(Path.Combine(Repo.Snapshots, name + ".json")));
        var report = await DiagnosisPipeline.RunAsync(playbooks, new ParamOverrides(), new SnapshotSourceReader(snapshot), new ProbeRunOptions(TimeSpan.Zero), CliRunner.FixedHost);
        foreach (var result in report.Results)
        {
            result.Reason.ShouldNotContain("fix refused", customMessage: $"{name}: {result.Finding.Playbook.Id}");
            var measured = Measurements.Of(result.Finding);
            foreach (var fix in result.Fixes)
            {
                var (target, problem) = FixTarget.Of(fix.Path, []);
                target.ShouldNotBeNull($"{name}: {fix.Path}: {problem}");
                ThenCommand.Problem(fix.Then, fix.Path, target).ShouldBeNull();
                FixContent.Check(target, fix.Content, measured).ShouldBeEmpty($"{name}: {fix.Path}");
            }
        }
        // Every recorded host gets at least one fix, so the policy is exercised on each; but for two the right lever is
        // no file: a receive buffer the application set itself (the application is the lever), and output-path drops
        // nothing explains (no sysctl on a guess; netns-udp-too-large was recorded without the drop reasons that would
        // tell its datagrams too large from a full buffer, so its drops stay unexplained too). netns-qdisc,
        // netns-tc-egress and netns-xfrm-policy: their send failures are a qdisc's, a tc filter's and a policy's, whose
        // levers are no file from inside a namespace, and the buffer ceilings file waits while sends fail (it would
        // read as their fix).
        if (name is not ("netns-udp-rcvbuf" or "netns-output-unexplained" or "netns-udp-too-large" or "netns-qdisc" or "netns-tc-egress" or "netns-xfrm-policy"))
            report.Results.SelectMany(r => r.Fixes).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_service_with_systemds_raised_hard_limit_still_gets_its_drop_in()
    {
        // systemd raises fs.nr_open to 1073741816 and services with LimitNOFILE=infinity get it as their hard limit;
        // the kernel accepted that limit, so it is within nr_open although the pack does not read nr_open.
        var snapshot = Replay.Load("netns-fd-limit").Replace("/proc/*/{comm,fd,limits,cgroup}",
            "pid\tfds\tsoft\thard\tuid\tunit\tcomm\n1\t20\t1024\t4096\t0\t-\tinit\n77\t1024\t1024\t1073741816\t0\tcontainerd.service\tcontainerd\n5000\t4\t1024\t524288\t1000\t-\tbash\n");
        var finding = (await Replay.Run(snapshot))["file-descriptors"];
        finding.Status.ShouldBe(NetBufRules.Evaluate.FindingStatus.Fired, finding.Reason);
        finding.Fixes.Select(f => f.Path).ShouldBe(["/etc/security/limits.d/90-netbufrules.conf", "/etc/systemd/system/containerd.service.d/90-netbufrules-nofile.conf"]);
        finding.Fixes[1].Content.ShouldContain("LimitNOFILE=1073741816\n");
    }
}
