using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using NetBufRules.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace NetBufRules.Tests.Pack;

/// <summary>The editor schema agrees with the loader: shipped playbooks pass it, and it catches a typo.</summary>
public sealed class PlaybookSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(Repo.Schemas, "playbook.schema.json"));

    public static TheoryData<string> Files() =>
        [.. Directory.GetFiles(Repo.Playbooks, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_shipped_playbook_satisfies_the_schema(string file)
    {
        var result = Schema.Evaluate(ToJson(File.ReadAllText(Path.Combine(Repo.Playbooks, file))), new EvaluationOptions { OutputFormat = OutputFormat.List });
        result.IsValid.ShouldBeTrue(string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}")));
    }

    [Fact]
    public void The_schema_rejects_an_unknown_key()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Playbooks, "tcp-backlog.yaml")).Replace("summary:", "sumary:", StringComparison.Ordinal);
        Schema.Evaluate(ToJson(text)).IsValid.ShouldBeFalse();
    }

    /// <summary>YAML to JSON the way an editor's YAML language server sees it: plain scalars that read as numbers or booleans are typed.</summary>
    private static JsonElement ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return JsonSerializer.SerializeToElement(Convert(stream.Documents[0].RootNode));
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when double.TryParse(s.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when bool.TryParse(s.Value, out var b) => JsonValue.Create(b),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };
}
