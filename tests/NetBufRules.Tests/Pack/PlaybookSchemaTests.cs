using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Pack;

/// <summary>The editor schema (embedded in the engine from schemas/) agrees with the loader: shipped playbooks pass it, and it catches a typo.</summary>
public sealed class PlaybookSchemaTests
{
    public static TheoryData<string> Files() =>
        [.. Directory.GetFiles(Repo.Playbooks, "*.yaml").Where(PlaybookLoader.IsPlaybookFile).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static IReadOnlyList<Diagnostic> Check(string text) =>
        SchemaValidator.Validate(YamlTreeReader.Read("x.yaml", text, new DiagnosticBag())!, new HashSet<(string, int)>());

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_shipped_playbook_satisfies_the_schema(string file)
    {
        Check(File.ReadAllText(Path.Combine(Repo.Playbooks, file))).ShouldBeEmpty();
    }

    [Fact]
    public void The_schema_rejects_an_unknown_key_at_its_line()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Playbooks, "tcp-backlog.yaml")).Replace("summary:", "sumary:", StringComparison.Ordinal);
        var line = text.Split('\n').ToList().FindIndex(l => l.StartsWith("sumary:", StringComparison.Ordinal)) + 1;
        Check(text).ShouldContain(d => d.Code == Codes.SchemaViolation && d.Position.Line == line);
    }

    [Fact]
    public void The_embedded_schema_is_the_one_in_schemas()
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream("schemas/playbook.schema.json")!;
        new StreamReader(stream).ReadToEnd().ShouldBe(File.ReadAllText(Path.Combine(Repo.Schemas, "playbook.schema.json")));
    }
}
