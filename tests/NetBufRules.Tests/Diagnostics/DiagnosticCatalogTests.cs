using System.Reflection;
using System.Text.RegularExpressions;
using NetBufRules.Diagnostics;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Diagnostics;

/// <summary>The diagnostic codes live in one catalogue; the constants, the engine's uses and the README's table agree with it.</summary>
public sealed partial class DiagnosticCatalogTests
{
    /// <summary>The README's diagnostics table as (id, title, severity); " (warning)" at the end of a title marks a warning.</summary>
    internal static IReadOnlyList<(string Id, string Title, DiagnosticSeverity Severity)> ReadmeTable(string readme)
    {
        var start = readme.IndexOf("### Diagnostics", StringComparison.Ordinal);
        var section = readme[start..readme.IndexOf("\n## ", start, StringComparison.Ordinal)];
        return [.. ReadmeRow().Matches(section).Select(m =>
        {
            var title = m.Groups[2].Value;
            var warning = title.EndsWith(" (warning)", StringComparison.Ordinal);
            return (m.Groups[1].Value, warning ? title[..^" (warning)".Length] : title, warning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error);
        })];
    }

    private static IEnumerable<(string Name, string Id)> Constants() =>
        typeof(Codes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (f.Name, (string)f.GetRawConstantValue()!));

    [Fact]
    public void Every_code_constant_is_in_the_catalogue()
    {
        var missing = Constants().Where(c => DiagnosticCatalog.Find(c.Id) is null).Select(c => $"Codes.{c.Name} ({c.Id})").ToList();
        missing.ShouldBeEmpty("add one line per code to DiagnosticCatalog: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_catalogued_code_is_a_constant_once_and_is_well_formed()
    {
        var constants = Constants().ToList();
        constants.Select(c => c.Id).ShouldBeUnique("two Codes constants share an id");
        DiagnosticCatalog.All.Select(c => c.Id).ShouldBeUnique();
        foreach (var code in DiagnosticCatalog.All)
        {
            code.Id.ShouldMatch(@"^NBR\d{3}$");
            constants.ShouldContain(c => c.Id == code.Id, $"{code.Id} is catalogued but has no constant in Codes");
            code.Title.ShouldNotBeNullOrWhiteSpace(code.Id);
            code.Help.ShouldEndWith(".", Case.Sensitive, $"{code.Id}'s help is a sentence");
        }
    }

    [Fact]
    public void The_readme_table_lists_every_code_with_its_title_and_severity()
    {
        var readme = ReadmeTable(File.ReadAllText(Path.Combine(Repo.Root, "README.md")));
        var expected = DiagnosticCatalog.All.Select(c => (c.Id, c.Title, c.Severity)).ToList();
        var differences = expected.Except(readme).Select(e => $"catalogue: | {e.Id} | {e.Title}{(e.Severity == DiagnosticSeverity.Warning ? " (warning)" : "")} |")
            .Concat(readme.Except(expected).Select(r => $"README:    | {r.Id} | {r.Title}{(r.Severity == DiagnosticSeverity.Warning ? " (warning)" : "")} |"))
            .ToList();
        differences.ShouldBeEmpty("README.md's diagnostics table and DiagnosticCatalog differ:\n" + string.Join("\n", differences));
        readme.Select(r => r.Id).ShouldBe(expected.Select(e => e.Id), "the README's table is in id order");
    }

    [Fact]
    public void A_readme_row_that_differs_from_the_catalogue_is_noticed()
    {
        const string readme = "### Diagnostics\n\n| code | problem |\n|---|---|\n| NBR001 | YAML syntax |\n| NBR019 | probe never used |\n\n## Next\n";
        var table = ReadmeTable(readme);
        table.ShouldContain(("NBR001", "YAML syntax", DiagnosticSeverity.Error));
        var unused = DiagnosticCatalog.Find("NBR019").ShouldNotBeNull();
        table.ShouldNotContain((unused.Id, unused.Title, unused.Severity), "NBR019 is a warning in the catalogue, so the row without '(warning)' differs");
    }

    [Fact]
    public void Every_code_the_engine_and_cli_use_is_catalogued()
    {
        var unknown = new List<string>();
        foreach (var root in new[] { "NetBufRules.Engine", "NetBufRules.Cli" })
        {
            var dir = Path.Combine(Repo.Root, "engine", root);
            foreach (var file in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    foreach (Match m in CodeLiteral().Matches(lines[i]))
                        if (DiagnosticCatalog.Find(m.Groups[1].Value) is null) unknown.Add($"{Path.GetRelativePath(Repo.Root, file)}:{i + 1}: {m.Value}");
                    foreach (Match m in CodeConstant().Matches(lines[i]))
                        if (typeof(Codes).GetField(m.Groups[1].Value) is not { } field || DiagnosticCatalog.Find((string)field.GetRawConstantValue()!) is null)
                            unknown.Add($"{Path.GetRelativePath(Repo.Root, file)}:{i + 1}: {m.Value}");
                }
            }
        }
        unknown.ShouldBeEmpty(string.Join("\n", unknown));
    }

    [GeneratedRegex(@"^\| (NBR\d{3}) \| (.*) \|$", RegexOptions.Multiline)]
    private static partial Regex ReadmeRow();

    [GeneratedRegex("\"(NBR\\d{3})\"")]
    private static partial Regex CodeLiteral();

    [GeneratedRegex(@"\bCodes\.(\w+)")]
    private static partial Regex CodeConstant();
}
