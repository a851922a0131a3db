using NetBufRules.Evaluate;

using NetBufRules.Compile;

namespace NetBufRules.Tests.Evaluate;

public sealed class DottedNamesTests
{
    [Theory]
    [InlineData("tcp_mem.pressure > 3", "[tcp_mem.pressure] > 3")]
    [InlineData("rate(listen.overflows) > x", "rate([listen.overflows]) > x")]
    [InlineData("a > 1.5 && 'x.y' == b", "a > 1.5 && 'x.y' == b")]
    [InlineData("[already.bracketed] > 0", "[already.bracketed] > 0")]
    public void Dotted_names_are_bracketed_for_NCalc_and_nothing_else_is(string text, string expected)
    {
        DottedNames.Rewrite(text).Rewritten.ShouldBe(expected);
    }

    [Fact]
    public void Offsets_in_the_rewritten_text_map_back_to_the_original()
    {
        var d = DottedNames.Rewrite("a.b > c.d +");
        // "[a.b] > [c.d] +": the '+' is at 14 in the rewritten text, 10 in the original.
        d.ToOriginal(14).ShouldBe(10);
    }
}
