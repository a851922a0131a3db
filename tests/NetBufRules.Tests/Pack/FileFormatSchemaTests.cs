using System.Text.Json;
using Json.Schema;
using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Pack;

/// <summary>The snapshot and test-file schemas describe what the tool writes and reads.</summary>
public sealed class FileFormatSchemaTests
{
    internal static readonly JsonSchema SnapshotSchema = JsonSchema.FromFile(Path.Combine(Repo.Schemas, "snapshot.schema.json"));
    internal static readonly JsonSchema TestSchema = JsonSchema.FromFile(Path.Combine(Repo.Schemas, "playbook-test.schema.json"));

    public static TheoryData<string> Snapshots() =>
        [.. Directory.GetFiles(Repo.Snapshots, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> TestFiles() =>
        [.. Directory.GetFiles(Repo.Playbooks, "*.test.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Snapshots))]
    public void Every_example_snapshot_follows_the_snapshot_schema(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Snapshots, file)));
        SnapshotSchema.Evaluate(json.RootElement).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void A_snapshot_of_a_newer_format_breaks_the_schema_and_is_refused_with_its_place()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-healthy.json")).Replace("netbufrules/snapshot/v1", "netbufrules/snapshot/v3", StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        SnapshotSchema.Evaluate(json.RootElement).IsValid.ShouldBeFalse();
        Should.Throw<NetBufRules.Probe.Recording.SnapshotException>(() => NetBufRules.Probe.Recording.SnapshotJson.Read("x.json", text))
            .Message.ShouldBe("x.json:1:1: snapshot format 'netbufrules/snapshot/v3' is not supported by this version (it reads netbufrules/snapshot/v1 and netbufrules/snapshot/v2); upgrade netbufrules");
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public void Every_pack_test_file_follows_the_test_schema(string file)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Playbooks, file));
        var tree = YamlTreeReader.Read(file, text, new DiagnosticBag())!;
        SchemaValidator.Validate(tree, TestSchema, new HashSet<(string, int)>()).ShouldBeEmpty();
    }
}
