using NetBufRules.Compile;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Render;
using NetBufRules.Tests.Support;
using Scriban.Runtime;

namespace NetBufRules.Tests.Render;

/// <summary>
/// A finding's template model holds only the names its playbook's templates read (<see cref="TemplateNames.OfPlaybook"/>):
/// every template of the pack renders the same text, or fails with the same message, as with the whole model, on
/// every recorded snapshot; a template that reads the global object as a whole gets the whole model.
/// </summary>
public sealed class ModelNamesTests
{
    [Fact]
    public async Task Every_template_of_the_pack_renders_alike_with_the_names_it_reads_and_with_the_whole_model_on_every_recorded_snapshot()
    {
        var evaluator = new ConditionEvaluator();
        int rendered = 0, left = 0;
        foreach (var name in ProbedSnapshot.All())
        {
            var snapshot = await ProbedSnapshot.Of(name);
            foreach (var playbook in snapshot.Playbooks)
            {
                var finding = evaluator.Evaluate(playbook, snapshot.Run.For(playbook.Id), new ParamOverrides().Resolve(playbook), snapshot.Board);
                var read = TemplateNames.OfPlaybook(playbook);
                read.ShouldNotBeNull(playbook.Id);
                var whole = TemplateSandbox.Model(finding);
                var some = TemplateSandbox.Model(finding, read);
                left += whole.Count - some.Count;
                foreach (var text in Templates(playbook))
                {
                    var (template, errors) = TemplateCompiler.Compile(text);
                    errors.ShouldBeEmpty();
                    Outcome(template, whole, finding).ShouldBe(Outcome(template, some, finding), $"{name}: {playbook.Id}: {text.Start}");
                    rendered++;
                }
            }
        }
        rendered.ShouldBeGreaterThan(1000);
        left.ShouldBeGreaterThan(100, "most probes' values are read by no template and are left out");
    }

    [Fact]
    public void A_table_no_template_reads_is_left_out_of_the_model_and_one_a_message_reads_is_in()
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal(
            "  read: { processes: true }\n  unread: { processes: true }",
            "  - if: count(read) > 0 && count(unread) >= 0\n    message: \"{{ for p in read }}{{ p.pid }}{{ end }}\""));
        TemplateNames.OfPlaybook(playbook).ShouldNotBeNull().ShouldContain("read");
        TemplateNames.OfPlaybook(playbook).ShouldNotBeNull().ShouldNotContain("unread");
    }

    [Fact]
    public void A_template_that_reads_the_global_object_as_a_whole_gets_the_whole_model()
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal(
            "  read: { processes: true }",
            "  - if: count(read) > 0\n    message: \"{{ this.read }}\""));
        TemplateNames.OfPlaybook(playbook).ShouldBeNull();
    }

    private static IEnumerable<LocatedText> Templates(Playbook playbook) =>
        playbook.When.Concat(playbook.AdviseWhen).SelectMany(s => new[] { s.Message, s.Ok })
            .Concat(playbook.Fixes.Where(f => f.Each is null).SelectMany(f => new[] { f.Template, f.Path }))
            .OfType<LocatedText>();

    /// <summary>The rendered text, or the failure's message (a template may fail on a host, alike with either model).</summary>
    private static string Outcome(Scriban.Template template, ScriptObject model, Finding finding)
    {
        try
        {
            return "text: " + TemplateSandbox.RenderWith(template, model, guard: null);
        }
        catch (TemplateException e)
        {
            return $"failed ({finding.Status}): {e.Message}";
        }
    }
}
