using System.Text.Json;
using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Primitives;
using NetBufRules.Probe;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Primitives;

/// <summary>The one scalar-typing rule, its edge cases, and the four places that type values agreeing on it.</summary>
public sealed class ScalarTextTests
{
    private static readonly Playbook Sample = Playbooks.Parse(Playbooks.Minimal("""
          x:
            file: /x
        """, "  - x > limit"));

    [Fact]
    public void A_number_reads_exactly_as_the_general_parser_reads_it_digits_or_not()
    {
        // TryNumber answers plain digit strings itself: it must agree bit for bit with double.TryParse.
        var random = new Random(14);
        var texts = new List<string> { "0", "00", "007", "999999999999999", "9999999999999999", "123456789012345", "1234567890123456", "", " 1", "1 ", "١٢", "1_0", "0x10", "+1", "-1" };
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(1, 22);
            texts.Add(string.Concat(Enumerable.Range(0, length).Select(_ => random.Next(12) switch { 10 => "0", 11 => "9", var d => d.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        }
        foreach (var text in texts)
        {
            var general = double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var expected);
            ScalarText.TryNumber(text, out var number).ShouldBe(general, text);
            if (general) BitConverter.DoubleToInt64Bits(number).ShouldBe(BitConverter.DoubleToInt64Bits(expected), text);
        }
    }

    [Theory]
    [InlineData("10", 10.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("-0", -0.0)]
    [InlineData("+5", 5.0)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData(" 10 ", 10.0)]
    [InlineData("99999999999999999999", 1e20)]
    public void A_plain_number_is_a_number(string text, double expected) =>
        ScalarText.Type(text).ShouldBe(expected);

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("FALSE", false)]
    public void True_and_false_in_any_case_are_bools(string text, bool expected) =>
        ScalarText.Type(text).ShouldBe(expected);

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("on")]
    [InlineData("0x10")]
    [InlineData("1_000")]
    [InlineData("1,000")]
    [InlineData("10s")]
    [InlineData("")]
    public void Words_yaml_1_1_would_type_hex_and_separators_stay_text(string text) =>
        ScalarText.Type(text).ShouldBe(text);

    [Theory]
    [InlineData("10")]
    [InlineData("true")]
    [InlineData("1e3")]
    public void A_quoted_value_stays_text(string text) =>
        ScalarText.Type(text, quoted: true).ShouldBe(text);

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void Non_finite_spellings_read_as_non_finite_numbers_so_callers_can_refuse_them(string text) =>
        double.IsFinite(ScalarText.Type(text).ShouldBeOfType<double>()).ShouldBeFalse();

    [Theory]
    [InlineData("NaN", "NaN")]
    [InlineData("Infinity", "Infinity")]
    [InlineData("true", "true")]
    [InlineData("  42 ", 42.0)]
    [InlineData("-3", -3.0)]
    [InlineData("nginx", "nginx")]
    public void Host_output_is_a_number_only_when_it_starts_like_one_and_never_a_bool(string text, object expected) =>
        ScalarText.Measured(text).ShouldBe(expected);

    [Theory]
    [InlineData("1e999")]
    [InlineData("-1e400")]
    public void Host_output_too_large_for_a_number_stays_text(string text) =>
        ScalarText.Measured(text).ShouldBe(text);

    [Fact]
    public void A_forged_counter_of_400_digits_stays_text_not_infinity()
    {
        var digits = "1" + new string('0', 400);
        ScalarText.Measured(digits).ShouldBe(digits);
    }

    [Fact]
    public void Host_output_in_hex_reads_as_hex_when_asked() =>
        ScalarText.Measured("10", hex: true).ShouldBe(16.0);

    [Theory]
    [InlineData(10.0, "10")]
    [InlineData(0.1234, "0.123")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(true, "true")]
    [InlineData(null, "null")]
    public void A_value_prints_without_needless_decimals(object? value, string expected) =>
        ScalarText.Format(value).ShouldBe(expected);

    public static TheoryData<string> Texts => ["10", "1e3", "-0", " 7 ", "true", "True", "yes", "0x10", "lots", "2.5"];

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_playbook_a_values_file_and_set_type_a_value_alike(string text)
    {
        var plain = new YamlScalar(new SourcePosition("f.yaml", 1, 1), text, YamlScalarStyle.Plain, false);
        var fromYaml = NodeReader.ParamValue(plain);
        var o = new ParamOverrides();
        o.AddAssignment("limit=" + text);
        var fromSet = o.Resolve(Sample)["limit"];
        fromSet.ShouldBe(fromYaml);
        fromYaml.ShouldBe(ScalarText.Type(text.Trim()));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_schema_sees_the_same_type_as_the_loader(string text)
    {
        foreach (var style in new[] { YamlScalarStyle.Plain, YamlScalarStyle.Quoted })
        {
            var scalar = new YamlScalar(new SourcePosition("f.yaml", 1, 1), text, style, false);
            using var json = SchemaValidator.ToJson(scalar);
            var expected = NodeReader.ParamValue(scalar);
            object seen = json.RootElement.ValueKind switch
            {
                JsonValueKind.Number => json.RootElement.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => json.RootElement.GetString()!,
            };
            seen.ShouldBe(expected, $"{style} '{text}'");
        }
    }

    [Theory]
    [InlineData("10")]
    [InlineData("-3")]
    [InlineData("2.5")]
    [InlineData("lots")]
    public void A_probe_cell_and_a_param_agree_on_numbers_and_words(string text) =>
        Cell.Parse(text).ShouldBe(ScalarText.Type(text));
}
