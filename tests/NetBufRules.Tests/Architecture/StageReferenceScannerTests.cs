namespace NetBufRules.Tests.Architecture;

/// <summary>The scanner behind <see cref="StageOrderTests"/> finds every way a backward reference can be written.</summary>
public sealed class StageReferenceScannerTests
{
    private static readonly string[] Order = ["Model", "Load", "Probe", "Report"];

    private static readonly (string, string)[] Below =
    [
        ("Report/JsonOutput.cs", "namespace NetBufRules.Report;\n\npublic static class JsonOutput { public static readonly int Nodes = 1; }\n"),
        ("Probe/Cell.cs", "namespace NetBufRules.Probe;\n\npublic static class Cell { public static string Format(object o) => \"\"; }\n"),
        ("Probe/Extract/RegexCache.cs", "namespace NetBufRules.Probe.Extract;\n\npublic static class RegexCache { }\n"),
        ("Load/YamlNode.cs", "namespace NetBufRules.Load;\n\npublic enum YamlScalarStyle { Plain }\n"),
    ];

    private static IReadOnlyList<StageReference> BackwardIn(string path, string text) =>
        StageReferenceScanner.Backward(StageReferenceScanner.Scan([.. Below, (path, text)]), Order).Where(r => r.File == path).ToList();

    [Theory]
    [InlineData("Model", "using NetBufRules.Load;\n\nnamespace NetBufRules.Model;\n\npublic sealed record Located(int X);\n", 1, "Load")]
    [InlineData("Model", "namespace NetBufRules.Model;\n\npublic sealed record Located(NetBufRules.Load.YamlScalarStyle Style);\n", 3, "Load")]
    [InlineData("Model", "namespace NetBufRules.Model;\n\npublic sealed record Located(global::NetBufRules.Load.YamlScalarStyle Style);\n", 3, "Load")]
    [InlineData("Load", "namespace NetBufRules.Load;\n\npublic static class Parser\n{\n    static object R => Probe.Extract.RegexCache.Get;\n}\n", 5, "Probe")]
    [InlineData("Probe", "namespace NetBufRules.Probe;\n\npublic static class Snap\n{\n    static int N => Report.JsonOutput.Nodes;\n}\n", 5, "Report")]
    [InlineData("Model", "namespace NetBufRules.Model;\n\npublic static class P\n{\n    static string S(object v) => $\"default {Probe.Cell.Format(v)}\";\n}\n", 5, "Probe")]
    [InlineData("Probe", "using Json = NetBufRules.Report.JsonOutput;\n\nnamespace NetBufRules.Probe;\n", 1, "Report")]
    [InlineData("Probe", "using static NetBufRules.Report.JsonOutput;\n\nnamespace NetBufRules.Probe;\n", 1, "Report")]
    public void A_planted_backward_reference_is_found_at_its_line(string from, string text, int line, string to)
    {
        var found = BackwardIn(from + "/Planted.cs", text);
        var reference = found.ShouldHaveSingleItem();
        reference.Line.ShouldBe(line);
        reference.To.ShouldBe(to);
        reference.ToString().ShouldStartWith($"{reference.File}:{line}: {reference.From} -> {to}: ");
    }

    [Theory]
    [InlineData("using NetBufRules.Model;\n\nnamespace NetBufRules.Load;\n\npublic static class Parser { }\n")]
    [InlineData("namespace NetBufRules.Report;\n\npublic static class W\n{\n    static string S(object v) => Probe.Cell.Format(v);\n}\n")]
    [InlineData("namespace NetBufRules.Model;\n\n// Report.JsonOutput is where this used to live.\n/// <see cref=\"NetBufRules.Report.JsonOutput\"/>\npublic static class C { }\n")]
    [InlineData("namespace NetBufRules.Model;\n\n/* NetBufRules.Probe.Cell */ public static class C { }\n")]
    [InlineData("namespace NetBufRules.Model;\n\npublic static class C\n{\n    static object P(dynamic o) => o.Probe.Cell;\n    static object Q(dynamic Policy) => Policy.Tools;\n}\n")]
    public void Forward_references_comments_and_members_are_not_backward(string text)
    {
        var folder = Order.First(f => text.Contains("namespace NetBufRules." + f + ";", StringComparison.Ordinal));
        BackwardIn(folder + "/Ok.cs", text).ShouldBeEmpty();
    }

    [Fact]
    public void A_reference_inside_a_sub_namespace_counts_for_its_top_folder()
    {
        var found = StageReferenceScanner.Scan([.. Below, ("Probe/Extract/X.cs", "namespace NetBufRules.Probe.Extract;\n\nusing NetBufRules.Report;\n")]);
        found.Where(r => r.File == "Probe/Extract/X.cs").ShouldHaveSingleItem().From.ShouldBe("Probe");
    }
}
