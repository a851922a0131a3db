using NetBufRules.Compile;
using NetBufRules.Diagnostics;
using NetBufRules.Model;
using NetBufRules.Render;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Render;

/// <summary>
/// A template that is all text renders once and is kept (<see cref="TemplateSandbox.Constant"/>): a fleet renders the
/// same 'ok' sentence for thousands of hosts. Held to the plain render for every text of the pack and odd texts.
/// </summary>
public sealed class PlainTextTemplateTests
{
    public static TheoryData<string> OddTexts => new()
    {
        "",
        "   ",
        "the OOM killer did not run during sampling",
        "  leading and trailing spaces  \n",
        "a closing }} without an opening",
        "an opening {{ x }} with code",
        "{{ 'only code' }}",
        "{{~ 'trim' ~}} text",
        "{%{ escaped {{ x }} }%}",
        "text {{ # a comment }} more",
        "{{ end }}",
        "unicode: \u00DF e\u0301 \u00AD and a tab\there",
    };

    [Theory]
    [MemberData(nameof(OddTexts))]
    public void An_odd_text_is_plain_only_when_it_has_no_code_and_then_renders_as_the_sandbox_does(string text) => Check(Located(text), expectPlain: null);

    [Fact]
    public void Every_text_of_the_pack_that_has_no_code_is_kept_as_rendered_and_every_other_is_rendered_each_time()
    {
        int plain = 0, code = 0;
        foreach (var file in Directory.GetFiles(Repo.Playbooks, "*.yaml").Where(f => !f.EndsWith(".test.yaml", StringComparison.Ordinal)))
        {
            var playbook = Playbooks.Parse(File.ReadAllText(file), file);
            foreach (var text in TemplateNames.TemplatesOf(playbook))
            {
                if (Check(text, expectPlain: !text.Text.Contains("{{", StringComparison.Ordinal))) plain++;
                else code++;
            }
        }
        plain.ShouldBeGreaterThan(10, "the pack has plain 'ok' sentences");
        code.ShouldBeGreaterThan(50);
    }

    /// <summary>Whether the text is kept as plain; when it is, its kept text is what the sandbox renders for any model.</summary>
    private static bool Check(LocatedText text, bool? expectPlain)
    {
        var (template, errors) = TemplateCompiler.Compile(text);
        if (errors.Count > 0)
        {
            TemplateSandbox.Constant(template).ShouldBeNull(text.Text);
            return false;
        }
        var constant = TemplateSandbox.Constant(template);
        if (expectPlain is { } plain) (constant is not null).ShouldBe(plain, text.Text);
        if (constant is null)
        {
            // Only a text with a code block (or none at all: Scriban gives an empty text no page) renders anew.
            (text.Text.Length == 0 || text.Text.Contains('{', StringComparison.Ordinal)).ShouldBeTrue(text.Text);
            return false;
        }
        var model = new Scriban.Runtime.ScriptObject { ["x"] = "host value", ["recent_seconds"] = 3600.0 };
        constant.ShouldBe(TemplateSandbox.RenderWith(template, model, guard: null), text.Text);
        constant.ShouldBe(TemplateSandbox.RenderWith(template, new Scriban.Runtime.ScriptObject(), guard: null), text.Text);
        // Kept: the same string object every time.
        TemplateSandbox.Constant(TemplateCompiler.Compile(text).Template).ShouldBeSameAs(constant);
        return true;
    }

    private static LocatedText Located(string text) => new(text, new SourcePosition("t.yaml", 1, 1), YamlScalarStyle.Plain, 0);
}
