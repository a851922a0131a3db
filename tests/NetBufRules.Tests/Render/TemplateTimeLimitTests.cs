using NetBufRules.Render;
using NetBufRules.Tests.Support;
using Scriban;
using Scriban.Runtime;

namespace NetBufRules.Tests.Render;

/// <summary>
/// The loop and output limits bound each step of a template, not the whole: a shared playbook whose message doubles a
/// capped string 9,999 times stayed inside both and stalled lint and every run for seconds per template. A render
/// has a time limit; running out is that finding's error, never a stalled or cancelled run.
/// </summary>
public sealed class TemplateTimeLimitTests
{
    private const string Doubling = "{{ s = \"xxxxxxxxxxxxxxxx\"; for i in 1..9999; s = s + s; end }}done";

    [Fact]
    public void A_render_that_runs_out_of_time_is_a_template_error()
    {
        var e = Should.Throw<TemplateException>(() => TemplateSandbox.Render(Template.Parse(Doubling), new ScriptObject()));
        e.Message.ShouldContain($"ran longer than {TemplateSandbox.TimeLimit.TotalSeconds:0} s");
        // Stopped by its own CPU time (the thread's clock), not by the machine's business: a busy machine stretches it.
        e.Message.ShouldContain("CPU time of its own");
        // The next render on this thread is not cancelled by the last one's clock.
        TemplateSandbox.Render(Template.Parse("{{ 1 + 1 }}"), new ScriptObject()).ShouldBe("2");
    }

    [Fact]
    public async Task A_playbook_whose_message_runs_out_of_time_is_refused_by_lint_with_its_place()
    {
        var dir = Directory.CreateTempSubdirectory("nbr-slow-template-");
        var file = Path.Combine(dir.FullName, "slow.yaml");
        File.WriteAllText(file, Playbooks.Minimal("  somax: { sysctl: net.core.somaxconn }", "  - if: somax > 0\n    message: '" + Doubling + "'").Replace("id: sample", "id: slow"));
        // The dry render (lint, and every load) meets the limit: one error at the template, not a stalled CI job.
        var (code, output, _) = await CliRunner.Run("lint", file);
        code.ShouldBe(1);
        output.ShouldContain("slow.yaml:13:");
        output.ShouldContain("error NBR023: template fails on a dry run: the template ran longer than 1 s");
        dir.Delete(recursive: true);
    }
}
