using System.Text.Json;
using Json.Schema;
using NetBufRules.Diagnostics;
using NetBufRules.Packs;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Packs;

/// <summary>pack.yaml: name, version, description, engine, tests, snapshots; every mistake with its place.</summary>
public sealed class PackManifestTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path.Combine(Repo.Schemas, "pack.schema.json")));

    private static (PackManifest? Manifest, IReadOnlyList<Diagnostic> Diagnostics) Read(string text)
    {
        var bag = new DiagnosticBag();
        return (PackManifestReader.Parse("pack.yaml", text, bag), bag.Items);
    }

    /// <summary>Whether the schema accepts <paramref name="json"/> (JSON is YAML too, so the reader reads the same text).</summary>
    private static bool SchemaAccepts(string json) =>
        Schema.Value.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;

    private const string Full = """
        name: team-net
        version: 1.2.0
        description: The network team's playbooks
        engine: ">=0.1.0, <1.0.0"
        tests: tests
        snapshots: snapshots
        """;

    [Fact]
    public void A_manifest_with_every_key_reads_back_and_satisfies_the_schema()
    {
        var (manifest, diagnostics) = Read(Full);
        diagnostics.ShouldBeEmpty();
        manifest.ShouldNotBeNull();
        manifest.Name.ShouldBe("team-net");
        manifest.Version.ShouldBe("1.2.0");
        manifest.Description.ShouldBe("The network team's playbooks");
        manifest.Engine!.Text.ShouldBe(">=0.1.0, <1.0.0");
        manifest.Tests.ShouldBe("tests");
        manifest.Snapshots.ShouldBe("snapshots");
        SchemaAccepts("""{"name": "team-net", "version": "1.2.0", "description": "d", "engine": ">=0.1.0, <1.0.0", "tests": "tests", "snapshots": "snapshots"}""").ShouldBeTrue();
    }

    [Fact]
    public void Every_mistake_is_reported_at_once_with_its_place()
    {
        const string broken = """
            version: one
            engine: newest
            tests: ../elsewhere
            snapshot: snaps
            """;
        var (manifest, diagnostics) = Read(broken);
        manifest.ShouldBeNull();
        diagnostics.Select(d => d.ToString()).ShouldBe(
        [
            "pack.yaml:4:1: error NBR003: unknown key 'snapshot' in the pack manifest (hint: did you mean 'snapshots'?)",
            "pack.yaml:1:1: error NBR005: the pack manifest has no 'name' (hint: add 'name: ...')",
            "pack.yaml:1:10: error NBR110: version 'one' is not a semantic version (hint: write MAJOR.MINOR.PATCH, e.g. 1.2.0)",
            "pack.yaml:2:9: error NBR110: engine requirement 'newest': 'newest' is not a version comparison (hint: write comparisons with versions, e.g. \">=0.2.0\" or \">=0.2.0, <1.0.0\")",
            "pack.yaml:3:8: error NBR110: 'tests' folder '../elsewhere' is not inside the pack (hint: give a folder relative to the pack's folder, without '..', e.g. tests/)",
        ], ignoreOrder: true);
    }

    [Theory]
    [InlineData("""{"version": "1.0.0"}""")]
    [InlineData("""{"name": "team", "version": "one"}""")]
    [InlineData("""{"name": "team", "engine": "newest"}""")]
    [InlineData("""{"name": "team", "tests": "../elsewhere"}""")]
    [InlineData("""{"name": "team", "snapshots": "/abs"}""")]
    [InlineData("""{"name": "team", "snapshot": "snaps"}""")]
    [InlineData("""{"name": "builtin"}""")]
    [InlineData("""{"name": "two words"}""")]
    public void The_reader_and_the_schema_refuse_the_same_manifests(string json)
    {
        Read(json).Manifest.ShouldBeNull();
        SchemaAccepts(json).ShouldBeFalse();
    }

    [Fact]
    public void The_name_builtin_belongs_to_the_built_in_pack()
    {
        Read("name: builtin").Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("NBR110");
    }

    [Theory]
    [InlineData(">=0.2.0", "0.1.0", false, true)]
    [InlineData(">=0.2.0", "0.2.0", true, false)]
    [InlineData(">=0.2.0, <1.0.0", "0.9.9", true, false)]
    [InlineData(">=0.2.0, <1.0.0", "1.0.0", false, false)]
    [InlineData("0.1.0", "0.1.0", true, false)]
    [InlineData(">0.1.0", "0.1.1-rc.1", true, false)]
    [InlineData(">=1.0.0", "1.0.0-rc.1", false, true)]
    public void An_engine_requirement_holds_for_the_versions_it_names(string requirement, string engine, bool satisfied, bool needsNewer)
    {
        var parsed = EngineRequirement.Parse(requirement, out var error).ShouldNotBeNull(error);
        var version = SemanticVersion.Parse(engine).ShouldNotBeNull();
        parsed.IsSatisfiedBy(version).ShouldBe(satisfied);
        parsed.NeedsNewer(version).ShouldBe(needsNewer);
    }

    [Fact]
    public void Prereleases_order_before_their_release_and_numerically_among_themselves()
    {
        var ordered = new[] { "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0" }
            .Select(v => SemanticVersion.Parse(v).ShouldNotBeNull()).ToList();
        for (var i = 1; i < ordered.Count; i++) (ordered[i - 1] < ordered[i]).ShouldBeTrue($"{ordered[i - 1]} < {ordered[i]}");
    }
}
