using System.Text.Json;
using Json.Schema;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Report;

public sealed class ReportTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(Repo.Schemas, "report.schema.json"));

    public static TheoryData<string> Snapshots() =>
        [.. Directory.GetFiles(Repo.Snapshots, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task The_json_report_follows_its_schema(string snapshot)
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Path.Combine(Repo.Snapshots, snapshot), "--format", "json");
        var result = Schema.Evaluate(JsonDocument.Parse(output).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        result.IsValid.ShouldBeTrue(string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}")));
    }

    [Fact]
    public async Task The_schema_rejects_a_report_with_an_unknown_status()
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Path.Combine(Repo.Snapshots, "netns-backlog.json"), "--format", "json");
        var broken = output.Replace("\"status\": \"fired\"", "\"status\": \"burning\"", StringComparison.Ordinal);
        Schema.Evaluate(JsonDocument.Parse(broken).RootElement).IsValid.ShouldBeFalse();
    }

    [Theory]
    [InlineData("netns-backlog")]
    [InlineData("netns-fd-starved")]
    [InlineData("host-user")]
    public async Task The_text_report_is_pinned(string snapshot)
    {
        var (_, output, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", Path.Combine(Repo.Snapshots, snapshot + ".json"));
        GoldenFile.Match(Path.Combine(Repo.Golden, $"report-{snapshot}.out.txt"), output);
    }
}
