using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NetBufRules.Tests.Load;

/// <summary>
/// Each character of a scalar YAML folds over lines (a <c>&gt;</c> block, a plain or quoted scalar continued on the
/// next lines) is traced to the place in the file it stands at, so an error inside it is placed on its own line.
/// </summary>
public sealed class ScalarOriginsTests
{
    public static TheoryData<string> FoldedScalars => new()
    {
        "v: >-\n  som > 0 &&\n  som < 10 &&\n  nosuch(som) > 1\n",
        "v: >\n  a {{ x }}\n    more indented\n  b\n\n  after a blank line\n",
        "v: >-\r\n  with CRLF\r\n  line {{ y }}\r\n",
        "v: a &&\n  b &&\n   c\n",
        "v: plain\n\n  after a blank line\n",
        "v: \"double \\\"quoted\\\" &&\n  next line\"\n",
        "v: 'it''s\n    quoted'\n",
        "list:\n  - key: >-\n      deep {{ z }}\n      block\n",
    };

    [Theory]
    [MemberData(nameof(FoldedScalars))]
    public void Every_character_of_a_folded_value_is_traced_to_the_same_character_in_the_file(string yaml)
    {
        var (value, start, style) = TheScalar(yaml);
        var lines = yaml.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var origins = ScalarOrigins.Of(value, lines, start, style).ShouldNotBeNull();
        origins.Count.ShouldBe(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var (line, column) = origins[i];
            if (char.IsWhiteSpace(value[i])) continue;
            lines[line - 1][column - 1].ShouldBe(value[i], $"character {i} of '{value}' traced to {line}:{column}");
        }
        // In order: a later character never stands before an earlier one.
        origins.Zip(origins.Skip(1)).ShouldAllBe(p => p.First.Line < p.Second.Line || (p.First.Line == p.Second.Line && p.First.Column < p.Second.Column));
    }

    [Fact]
    public void A_value_on_one_line_and_a_literal_block_keep_the_plain_mapping()
    {
        ScalarOrigins.Of("som > 0", ["v: som > 0"], new SourcePosition("f.yaml", 1, 4), YamlScalarStyle.Plain).ShouldBeNull();
        ScalarOrigins.Of("a\nb", ["v: |", "  a", "  b"], new SourcePosition("f.yaml", 1, 4), YamlScalarStyle.Literal).ShouldBeNull();
    }

    [Fact]
    public void A_value_whose_escapes_cannot_be_followed_keeps_the_plain_mapping_rather_than_a_wrong_place()
    {
        var yaml = "v: \"\\x41 and\n  more\"\n";
        var (value, start, style) = TheScalar(yaml);
        value.ShouldStartWith("A and");
        ScalarOrigins.Of(value, yaml.Split('\n'), start, style).ShouldBeNull();
    }

    [Fact]
    public void An_error_on_the_third_line_of_a_folded_condition_is_placed_on_that_line()
    {
        var text = new LocatedText("som > 0 && som < 10 && nosuch(som) > 1", new SourcePosition("f.yaml", 1, 7), YamlScalarStyle.Folded, 2)
        {
            Origins = ScalarOrigins.Of("som > 0 && som < 10 && nosuch(som) > 1", ["  - if: >-", "  som > 0 &&", "  som < 10 &&", "  nosuch(som) > 1"],
                new SourcePosition("f.yaml", 1, 9), YamlScalarStyle.Folded),
        };
        text.AtOffset(text.Text.IndexOf("nosuch", StringComparison.Ordinal)).ShouldBe(new SourcePosition("f.yaml", 4, 3));
        text.At(1, text.Text.IndexOf("som < 10", StringComparison.Ordinal) + 1).ShouldBe(new SourcePosition("f.yaml", 3, 3));
    }

    /// <summary>The value, position and style our reader gives the scalar under the first key (or in the list's first map).</summary>
    private static (string Value, SourcePosition Start, YamlScalarStyle Style) TheScalar(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var node = ((YamlMappingNode)stream.Documents[0].RootNode).Children[0].Value;
        if (node is YamlSequenceNode list) node = ((YamlMappingNode)list.Children[0]).Children[0].Value;
        var scalar = (YamlScalarNode)node;
        var style = scalar.Style switch
        {
            ScalarStyle.Folded => YamlScalarStyle.Folded,
            ScalarStyle.Literal => YamlScalarStyle.Literal,
            ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => YamlScalarStyle.Quoted,
            _ => YamlScalarStyle.Plain,
        };
        // As YamlTreeReader places it: a quoted scalar past its opening quote.
        var column = (int)scalar.Start.Column + (style == YamlScalarStyle.Quoted ? 1 : 0);
        return (scalar.Value!, new SourcePosition("f.yaml", (int)scalar.Start.Line, column), style);
    }
}
