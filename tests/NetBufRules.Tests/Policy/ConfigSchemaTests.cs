using Json.Schema;
using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Policy;

/// <summary>schemas/netbufrules-config.schema.json says what the config loader accepts, for editors and CI.</summary>
public sealed class ConfigSchemaTests
{
    // A schema registers its $id once per process.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path.Combine(Repo.Schemas, "netbufrules-config.schema.json")));

    private static IReadOnlyList<Diagnostic> Check(string file)
    {
        var schema = Schema.Value;
        var root = YamlTreeReader.Read(file, File.ReadAllText(file), new DiagnosticBag()).ShouldNotBeNull();
        return SchemaValidator.Validate(root, schema, new HashSet<(string, int)>());
    }

    [Fact]
    public void A_config_the_loader_accepts_satisfies_the_schema()
    {
        var file = Path.Combine(Repo.Golden, "lint", "allowlist", ".netbufrules.yaml");
        var bag = new DiagnosticBag();
        LintConfig.Load(file, bag);
        bag.Items.ShouldBeEmpty();
        Check(file).ShouldBeEmpty();
    }

    [Fact]
    public void The_schema_refuses_a_tool_without_forms_a_folder_outside_etc_drop_ins_and_unknown_keys()
    {
        var problems = Check(Path.Combine(Repo.Golden, "lint", "bad-config", ".netbufrules.yaml"));
        problems.Select(d => d.Position.Line).Distinct().Order().ShouldBe([9, 11, 12, 13]);
    }
}
