using System.Reflection;
using System.Text.Json.Nodes;
using NetBufRules.Load;
using NetBufRules.Testing;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Load;

/// <summary>
/// The format is defined once: every key list a parser checks maps to (the "properties" of) one object of a JSON
/// schema, and the two hold the same keys. A new key is added to both; a new level is one row of <see cref="Levels"/>.
/// </summary>
public sealed class SchemaParserKeysTests
{
    /// <summary>(schema file, JSON pointer of an object with "properties", parser type, its key-list field).</summary>
    public static TheoryData<string, string, string, string> Levels => new()
    {
        { "playbook.schema.json", "", nameof(PlaybookParser), "TopKeys" },
        { "playbook.schema.json", "/properties/drop", "MergeRules", "Droppable" },
        { "playbook.schema.json", "/$defs/probe", nameof(PlaybookParser), "ProbeKeys" },
        { "playbook.schema.json", "/$defs/source", nameof(PlaybookParser), "AlternativeKeys" },
        { "playbook.schema.json", "/$defs/probe/properties/fallback/items", nameof(PlaybookParser), "AlternativeKeys" },
        { "playbook.schema.json", "/$defs/source/properties/processes/oneOf/1", nameof(PlaybookParser), "ProcessesKeys" },
        { "playbook.schema.json", "/$defs/extract", nameof(PlaybookParser), "ExtractKeys" },
        { "playbook.schema.json", "/$defs/signals/items", nameof(PlaybookParser), "SignalKeys" },
        { "playbook.schema.json", "/$defs/symptoms/items", nameof(PlaybookParser), "SymptomKeys" },
        { "playbook.schema.json", "/$defs/fix", nameof(PlaybookParser), "FixKeys" },
        { "playbook.schema.json", "/properties/metrics/additionalProperties", "WatchKeysParser", "MetricKeys" },
        { "playbook-test.schema.json", "", nameof(TestFileParser), "FileKeys" },
        { "playbook-test.schema.json", "/properties/tests/items", nameof(TestFileParser), "CaseKeys" },
        { "playbook-test.schema.json", "/properties/tests/items/properties/expect", nameof(TestFileParser), "ExpectKeys" },
        { "playbook-test.schema.json", "/$defs/outputs/additionalProperties/oneOf/2", "CaseSources", "DeclarationKeys" },
        { "netbufrules-config.schema.json", "", nameof(LintConfig), "ConfigKeys" },
    };

    private static readonly Type[] Parsers = [typeof(PlaybookParser), typeof(PlaybookParser).Assembly.GetType("NetBufRules.Load.WatchKeysParser")!, typeof(TestFileParser), typeof(LintConfig),
        typeof(PlaybookParser).Assembly.GetType("NetBufRules.Testing.CaseSources")!, typeof(PlaybookParser).Assembly.GetType("NetBufRules.Load.Extends.MergeRules")!];

    private static IReadOnlyList<string> ParserKeys(string type, string field) => ParserKeys(Parsers.Single(p => p.Name == type), field);

    private static IReadOnlyList<string> ParserKeys(Type t, string field)
    {
        var type = t.Name;
        var f = t.GetField(field, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static).ShouldNotBeNull($"{type}.{field} is gone; update SchemaParserKeysTests.Levels");
        return ((IEnumerable<string>)f.GetValue(null)!).ToList();
    }

    private static JsonNode Schema(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Schemas, file)))!;

    private static JsonObject At(JsonNode root, string pointer)
    {
        var node = root;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
            node = int.TryParse(segment, out var i) && node is JsonArray a ? a[i]! : node[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]!;
        return node.ShouldBeOfType<JsonObject>();
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void The_schema_and_the_parser_know_the_same_keys(string schema, string pointer, string type, string field)
    {
        var schemaKeys = At(Schema(schema), pointer)["properties"].ShouldBeOfType<JsonObject>().Select(p => p.Key).ToList();
        var parserKeys = ParserKeys(type, field);
        parserKeys.Except(schemaKeys).ShouldBeEmpty($"{type}.{field} accepts keys that {schema} at '{pointer}' does not list");
        schemaKeys.Except(parserKeys).ShouldBeEmpty($"{schema} at '{pointer}' lists keys that {type}.{field} refuses");
    }

    [Theory]
    [InlineData("playbook.schema.json")]
    [InlineData("playbook-test.schema.json")]
    [InlineData("netbufrules-config.schema.json")]
    public void Every_object_a_schema_defines_is_matched_with_a_parser_list(string schema)
    {
        var pointers = new List<string>();
        Collect(Schema(schema), "", pointers);
        var mapped = Levels.Select(l => ((string)l[0], (string)l[1])).Where(l => l.Item1 == schema).Select(l => l.Item2).ToList();
        pointers.Except(mapped).ShouldBeEmpty($"{schema} has objects whose keys no parser list is checked against; add them to Levels");
    }

    [Fact]
    public void Every_key_list_of_the_parsers_is_matched_with_a_schema_object()
    {
        var lists = Parsers.SelectMany(t => t.GetFields(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.Name.EndsWith("Keys", StringComparison.Ordinal) && typeof(IEnumerable<string>).IsAssignableFrom(f.FieldType))
            .Select(f => $"{t.Name}.{f.Name}")).ToList();
        var mapped = Levels.Select(l => $"{l[2]}.{l[3]}").ToList();
        lists.Except(mapped).ShouldBeEmpty("a parser checks keys that no schema object is compared with; add it to Levels");
    }

    [Fact]
    public void A_key_only_the_parser_knows_is_noticed()
    {
        var schema = JsonNode.Parse("""{"properties": {"path": {}, "template": {}}}""")!;
        var schemaKeys = At(schema, "")["properties"]!.AsObject().Select(p => p.Key);
        ParserKeys(nameof(PlaybookParser), "FixKeys").Except(schemaKeys).ShouldBe(["then", "if", "each"]);
    }

    [Fact]
    public void The_keys_that_mark_a_yaml_file_as_a_playbook_are_playbook_keys() =>
        ParserKeys(typeof(PlaybookLoader), "PlaybookKeys").Except(ParserKeys(nameof(PlaybookParser), "TopKeys")).ShouldBeEmpty();

    private static void Collect(JsonNode? node, string pointer, List<string> found)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["properties"] is JsonObject) found.Add(pointer);
                foreach (var (key, value) in o) Collect(value, pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), found);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Collect(a[i], $"{pointer}/{i}", found);
                break;
        }
    }
}
