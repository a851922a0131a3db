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

    private const string Base = """
        apiVersion: netbufrules/v1
        id: x
        title: X
        probes:
          somaxconn:
            sysctl: net.core.somaxconn

        """;

    // "type" lists stand in for oneOf (string or list, string or map): each keyword applies to its own type only.
    [Theory]
    [InlineData("when: somaxconn < 1")]
    [InlineData("when:\n  - somaxconn < 1\n  - if: somaxconn < 2\n    message: low")]
    [InlineData("when: x\nfix:\n  - path: /etc/sysctl.d/x.conf\n    template: t")]
    public void The_schema_takes_every_shape_a_signal_may_have(string tail)
    {
        Check(Base + tail).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("when: 5", "/when")]
    [InlineData("when:\n  - 5", "/when/0")]
    [InlineData("when:\n  - message: no condition", "/when/0")]
    [InlineData("when:\n  - if: x\n    iff: y", "/when/0/iff")]
    [InlineData("when: x\nprobes:\n  p:\n    sysctl: a.b\n    key: 5", "/probes/p/key")]
    [InlineData("when: x\nprobes:\n  p:\n    sysctl: a.b\n    key: [a, [b]]", "/probes/p/key/1")]
    [InlineData("when: x\nprobes:\n  p:\n    file: /x\n    extract: { snmp: 'no dot' }", "/probes/p/extract/snmp")]
    [InlineData("when: x\nprobes:\n  p:\n    file: /x\n    extract: { json: { a: [1] } }", "/probes/p/extract/json/a")]
    public void The_schema_rejects_a_wrong_shape_at_its_place(string tail, string pointer)
    {
        var text = Base + tail;
        if (tail.Contains("probes:", StringComparison.Ordinal)) text = text.Replace("probes:\n  somaxconn:\n    sysctl: net.core.somaxconn\n", "", StringComparison.Ordinal);
        var found = Check(text);
        found.ShouldContain(d => d.Code == Codes.SchemaViolation && d.Message.Contains($"at {pointer}:", StringComparison.Ordinal), string.Join("\n", found));
    }

    [Fact]
    public void The_embedded_schema_is_the_one_in_schemas()
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream("schemas/playbook.schema.json")!;
        new StreamReader(stream).ReadToEnd().ShouldBe(File.ReadAllText(Path.Combine(Repo.Schemas, "playbook.schema.json")));
    }
}
