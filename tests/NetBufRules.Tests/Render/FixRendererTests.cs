using NetBufRules.Evaluate;
using NetBufRules.Params;
using NetBufRules.Probe;
using NetBufRules.Render;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Render;

public sealed class FixRendererTests
{
    private static async Task<RenderedFinding> Render(string template, string somaxconn = "128")
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal("""
              somaxconn:
                sysctl: net.core.somaxconn
            """, "  - somaxconn < 4096", $$"""
            fix:
              - path: /etc/sysctl.d/90-x.conf
                template: "{{template.Replace("\"", "\\\"", StringComparison.Ordinal)}}"
            """));
        using var runner = new ProbeRunner(new FakeSourceReader().With("/proc/sys/net/core/somaxconn", somaxconn), new ProbeRunOptions(TimeSpan.Zero));
        var run = await runner.RunAsync([playbook]);
        var finding = new ConditionEvaluator().Evaluate(playbook, run.For("sample"), new ParamOverrides().Resolve(playbook));
        return new FixRenderer().Render(finding);
    }

    [Fact]
    public async Task A_fix_never_lowers_a_value_that_is_already_higher()
    {
        (await Render("net.core.somaxconn = {{ max somaxconn 4096 }}", somaxconn: "1000")).Fixes.Single().Content.ShouldBe("net.core.somaxconn = 4096");
        (await Render("net.core.somaxconn = {{ max somaxconn 4096 }}", somaxconn: "3000")).Fixes.Single().Content.ShouldBe("net.core.somaxconn = 4096");
    }

    [Fact]
    public async Task Templates_have_no_builtins()
    {
        var result = await Render("{{ 'x' | string.upcase }}");
        result.Status.ShouldBe(FindingStatus.Error);
        result.Reason.ShouldContain("string");
    }

    [Fact]
    public async Task An_undefined_variable_is_an_error_with_its_place()
    {
        var result = await Render("value = {{ somaxcon }}");
        result.Status.ShouldBe(FindingStatus.Error);
        result.Reason.ShouldStartWith("test.yaml:");
        result.Reason.ShouldContain("somaxcon");
    }

    [Fact]
    public async Task A_runaway_loop_is_stopped()
    {
        var result = await Render("{{ for i in 1..100000000 }}x{{ end }}");
        result.Status.ShouldBe(FindingStatus.Error);
        result.Reason.ShouldContain("loop");
    }
}
