using NetBufRules.Compile;
using NetBufRules.Diagnostics;
using NetBufRules.Model;
using NetBufRules.Render;
using Scriban.Runtime;

namespace NetBufRules.Tests.Render;

/// <summary>
/// A thread keeps the template context of its last clean render for the next one (building one costs about 21 KB).
/// Nothing of one render may reach the next: not a failed render's partial output, not an assignment, a local, a
/// function, a break or a return. Each sequence runs on one thread, as a fleet worker renders.
/// </summary>
public sealed class TemplateContextReuseTests
{
    [Fact]
    public void A_failed_render_leaves_no_partial_output_for_the_next()
    {
        Sequence(
            ("abc {{ undefined }}", null),
            ("next", "next"),
            ("{{ while true }}x{{ end }}", null),
            ("after a loop that hit its limit", "after a loop that hit its limit"),
            ("{{ capture c }}partial{{ undefined }}{{ end }}", null),
            ("after a capture that failed", "after a capture that failed"),
            ("{{ for i in 1..3 }}{{ i }}{{ if i == 2 }}{{ undefined }}{{ end }}{{ end }}", null),
            ("{{ a }}", "1"));
    }

    [Fact]
    public void Assignments_locals_and_functions_of_one_render_are_unknown_to_the_next()
    {
        Sequence(
            ("{{ z = 5 }}{{ z }}", "5"),
            ("{{ z }}", null),
            ("{{ $x = 5 }}{{ $x }}", "5"),
            ("{{ $x }}", null),
            ("{{ func f; ret 1; end; f }}", "1"),
            ("{{ f }}", null));
    }

    [Fact]
    public void A_break_or_a_return_ends_only_its_own_render()
    {
        Sequence(
            ("{{ for i in 1..3 }}{{ i }}{{ if i == 2 }}{{ break }}{{ end }}{{ end }}", "12"),
            ("{{ for i in 1..3 }}{{ i }}{{ end }}", "123"),
            ("{{ ret }}tail", ""),
            ("after {{ a }}", "after 1"),
            ("{{ for i in 1..3 }}{{ i }}{{ ret }}{{ end }}", "1"),
            ("{{ for i in 1..3 }}{{ i }}{{ end }}", "123"));
    }

    /// <summary>Renders each text with a fresh model (a = 1) on one new thread: null expects a template error.</summary>
    private static void Sequence(params (string Text, string? Expected)[] steps)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                foreach (var (text, expected) in steps)
                {
                    var (template, errors) = TemplateCompiler.Compile(new LocatedText(text, new SourcePosition("t.yaml", 1, 1), YamlScalarStyle.Plain, 0));
                    errors.ShouldBeEmpty(text);
                    var model = new ScriptObject { ["a"] = 1.0 };
                    if (expected is null) Should.Throw<TemplateException>(() => TemplateSandbox.RenderWith(template, model, guard: null), text);
                    else TemplateSandbox.RenderWith(template, model, guard: null).ShouldBe(expected, text);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) throw failure;
    }
}
