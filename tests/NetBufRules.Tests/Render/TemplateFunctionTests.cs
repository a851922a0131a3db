using NetBufRules.Render;
using Scriban;
using Scriban.Runtime;

namespace NetBufRules.Tests.Render;

/// <summary>The sandbox's functions: what they compute, and what a wrong call says and where.</summary>
public sealed class TemplateFunctionTests
{
    private static ScriptObject Model()
    {
        var rows = new ScriptArray
        {
            new ScriptObject { ["soft"] = 1024.0, ["comm"] = "nginx" },
            new ScriptObject { ["soft"] = 65536.0, ["comm"] = "envoy" },
        };
        return new ScriptObject { ["limit"] = 4096.0, ["busy"] = rows, ["none"] = new ScriptArray(), ["skipped"] = null, ["ratio"] = 0.123456789 };
    }

    private static string Render(string text) => TemplateSandbox.Render(Template.Parse(text), Model());

    [Theory]
    [InlineData("{{ max limit 8192 }}", "8192")]
    [InlineData("{{ max 100000 limit }}", "100000")]
    [InlineData("{{ min limit 8192 }}", "4096")]
    [InlineData("{{ round ratio 3 }}", "0.123")]
    [InlineData("{{ round ratio 99 }}", "0.123457")]
    [InlineData("{{ size busy }}", "2")]
    [InlineData("{{ sumof busy \"soft\" }}", "66560")]
    [InlineData("{{ maxof busy \"soft\" }}", "65536")]
    [InlineData("{{ maxof none \"soft\" }}", "0")]
    [InlineData("{{ max (maxof busy \"soft\") limit }}", "65536")]
    public void Functions_compute_what_the_README_says(string template, string expected)
    {
        Render(template).ShouldBe(expected);
    }

    [Fact]
    public void Join_formats_numbers_as_the_report_does()
    {
        var model = Model();
        model["names"] = new ScriptArray { "a", 2.0, 1.5 };
        TemplateSandbox.Render(Template.Parse("{{ join names \"+\" }}"), model).ShouldBe("a+2+1.5");
    }

    [Theory]
    [InlineData("x {{ max limit }}", "Invalid number of arguments `1` passed to `max limit` while expecting `2` arguments", 0, 14)]
    [InlineData("{{ size limit }}", "size: argument 1 is not a list (a table probe)", 0, 3)]
    [InlineData("\n{{ max skipped 1 }}", "max: argument 1 is null (a skipped probe?); guard it with 'if'", 1, 3)]
    public void A_wrong_call_names_the_function_and_its_place(string template, string message, int line, int column)
    {
        var e = Should.Throw<TemplateException>(() => Render(template));
        e.Message.ShouldContain(message);
        (e.Line, e.Column).ShouldBe((line, column));
    }

    [Fact]
    public void A_template_cannot_replace_a_function_for_the_next_one()
    {
        // The functions are shared by every render: an assignment lands in the template's own model, never in them.
        Render("{{ max = 1 }}{{ max }}").ShouldBe("1");
        Render("{{ max 1 2 }}").ShouldBe("2");
    }
}
