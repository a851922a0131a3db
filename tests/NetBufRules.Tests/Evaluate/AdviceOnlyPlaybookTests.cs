using NetBufRules.Evaluate;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Evaluate;

/// <summary><c>when: []</c> with <c>advise_when</c> is an advice-only playbook; its required probe being skipped is an outcome, not a bug.</summary>
public sealed class AdviceOnlyPlaybookTests
{
    private static readonly string Yaml = Playbooks.Minimal("""
          somaxconn:
            sysctl: net.core.somaxconn
        """, "  []", """
        requires: [somaxconn]
        advise_when:
          - if: somaxconn < 4096
            message: somaxconn is {{ somaxconn }}
        """).Replace("when:\n  []", "when: []", StringComparison.Ordinal);

    private static async Task<NetBufRules.Render.RenderedFinding> Run(FakeSourceReader host)
    {
        var playbook = Playbooks.Parse(Yaml);
        var report = await DiagnosisPipeline.RunAsync([playbook], new ParamOverrides(), host, new ProbeRunOptions(TimeSpan.Zero), CliRunner.FixedHost);
        return report.Results.Single();
    }

    [Fact]
    public async Task An_advice_only_playbook_whose_required_probe_is_skipped_is_skipped_with_the_reason()
    {
        // Neither /proc/sys nor sysctl answer: the required probe is skipped.
        var result = await Run(new FakeSourceReader());
        result.Status.ShouldBe(FindingStatus.Skipped, result.Reason);
        result.Reason.ShouldStartWith("could not be checked here: somaxconn: ");
        result.Reason.ShouldNotContain("internal error");
    }

    [Fact]
    public async Task An_advice_only_playbook_advises_when_its_probe_answers()
    {
        var result = await Run(new FakeSourceReader().With("/proc/sys/net/core/somaxconn", "128"));
        result.Status.ShouldBe(FindingStatus.Advice, result.Reason);
        result.Reason.ShouldBe("no symptom now, but somaxconn is 128");
    }

    [Fact]
    public void An_advice_only_playbook_loads_and_one_without_any_condition_is_NBR151_at_its_when()
    {
        NetBufRules.Lint.PlaybookValidator.Validate([Playbooks.Parse(Yaml)]).ShouldBeEmpty();
        var bag = new NetBufRules.Diagnostics.DiagnosticBag();
        NetBufRules.Load.PlaybookParser.Parse("test.yaml", Yaml[..Yaml.IndexOf("advise_when:", StringComparison.Ordinal)], bag);
        bag.Items.Select(d => d.ToString()).ShouldBe([
            "test.yaml:12:7: error NBR151: the playbook has no condition: 'when' is empty and there is no 'advise_when', so it can never fire or advise (hint: add the condition that shows the symptom under 'when', or an 'advise_when' for an advice-only playbook ('when: []'))"]);
    }
}
