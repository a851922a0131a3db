using System.Text.Json;
using Json.Schema;
using NetBufRules.Lint;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Validate;

public sealed class LintTests
{
    private static string LintGolden => Path.Combine(Repo.Golden, "lint");

    public static TheoryData<string> Cases() =>
        [.. Directory.GetFiles(LintGolden, "NBR*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    private static string Lines(LintResult lint, string relativeTo) =>
        string.Concat(lint.Diagnostics.Select(d => d.ToString().Replace(relativeTo + "/", "", StringComparison.Ordinal) + "\n"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_lint_check_reports_its_code_at_the_place(string name)
    {
        var lint = PlaybookLinter.Lint([Path.Combine(LintGolden, name + ".yaml")]);
        var output = Lines(lint, LintGolden);
        GoldenFile.Match(Path.Combine(LintGolden, name + ".out.txt"), output);
        output.ShouldContain($" {name[..6]}: ");
    }

    [Fact]
    public void Lint_reports_everything_the_loader_and_validator_report()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Golden, "load"), "*.yaml"))
        {
            var expected = File.ReadAllLines(Path.ChangeExtension(file, ".out.txt"));
            var lint = Lines(PlaybookLinter.Lint([file]), Path.Combine(Repo.Golden, "load")).Split('\n');
            foreach (var line in expected) lint.ShouldContain(line, customMessage: file);
        }
    }

    [Fact]
    public void Every_shipped_playbook_and_example_lints_clean_even_strictly()
    {
        var lint = PlaybookLinter.Lint([Repo.Playbooks, Path.Combine(Repo.Root, "examples", "playbooks")]);
        lint.Diagnostics.ShouldBeEmpty(string.Join("\n", lint.Diagnostics));
        // Every playbook in both folders is linted (test files are not playbooks); counted, so new playbooks need no edit here.
        lint.Files.ShouldBe(new[] { Repo.Playbooks, Path.Combine(Repo.Root, "examples", "playbooks") }
            .SelectMany(d => Directory.GetFiles(d, "*.yaml")).Count(f => !f.EndsWith(".test.yaml", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_repository_config_extends_the_allowlists()
    {
        var folder = Path.Combine(LintGolden, "allowlist");
        PlaybookLinter.Lint([folder]).Diagnostics.ShouldBeEmpty();
        var empty = Path.GetTempFileName();
        try
        {
            File.WriteAllText(empty, "allow_fix_dirs: []\n");
            var withoutConfig = PlaybookLinter.Lint([Path.Combine(folder, "playbook.yaml")], configFile: empty);
            withoutConfig.Diagnostics.Select(d => d.Code).ShouldBe(["NBR015", "NBR016"]);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public void A_config_cannot_allow_a_shell_an_interpreter_a_tool_without_grammar_or_a_folder_outside_etc_drop_ins()
    {
        var folder = Path.Combine(LintGolden, "bad-config");
        GoldenFile.Match(Path.Combine(folder, "out.txt"), Lines(PlaybookLinter.Lint([folder]), folder));
    }

    [Fact]
    public async Task Lint_exit_codes_are_0_clean_1_problems_2_usage_and_strict_fails_on_warnings()
    {
        (await CliRunner.Run("lint", Repo.Playbooks)).ExitCode.ShouldBe(0);
        (await CliRunner.Run("lint", Path.Combine(Repo.Golden, "load", "all-at-once.yaml"))).ExitCode.ShouldBe(1);
        (await CliRunner.Run("lint", "/no/such/dir")).ExitCode.ShouldBe(2);
        var warningsOnly = Path.Combine(LintGolden, "NBR019-unused-probe.yaml");
        (await CliRunner.Run("lint", warningsOnly)).ExitCode.ShouldBe(0);
        (await CliRunner.Run("lint", warningsOnly, "--strict")).ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Sarif_output_validates_as_sarif_2_1_0_with_rules_and_regions()
    {
        var (_, output, _) = await CliRunner.Run("lint", Path.Combine(Repo.Golden, "load"), "--format", "sarif");
        var schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-2.1.0-subset.schema.json"));
        using var json = JsonDocument.Parse(output);
        var result = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        result.IsValid.ShouldBeTrue(string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}")));
        var run = json.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();
        results.Count.ShouldBeGreaterThan(20);
        foreach (var r in results)
        {
            var id = r.GetProperty("ruleId").GetString();
            rules[r.GetProperty("ruleIndex").GetInt32()].ShouldBe(id);
            r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32().ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public async Task Github_output_is_workflow_commands_with_file_line_and_column()
    {
        var file = Path.Combine(Repo.Golden, "load", "NBR011-unknown-identifier.yaml");
        var (_, output, _) = await CliRunner.Run("lint", file, "--format", "github");
        output.Split('\n').ShouldContain($"::error file={file},line=12,col=19,title=NBR011::'min_somaxcon' is neither a probe nor a param of this playbook (hint: did you mean 'min_somaxconn'?)");
        output.Split('\n').ShouldContain($"::warning file={file},line=8,col=3,title=NBR020::param 'min_somaxconn' is never used (hint: use it in a condition or template, or remove it)");
    }

    [Fact]
    public async Task Json_output_lists_each_diagnostic_with_its_place()
    {
        var (_, output, _) = await CliRunner.Run("lint", Path.Combine(Repo.Golden, "load", "NBR017-bad-regex.yaml"), "--format", "json");
        using var json = JsonDocument.Parse(output);
        var d = json.RootElement.GetProperty("diagnostics")[0];
        (d.GetProperty("line").GetInt32(), d.GetProperty("column").GetInt32(), d.GetProperty("code").GetString()).ShouldBe((10, 24, "NBR017"));
        json.RootElement.GetProperty("summary").GetProperty("errors").GetInt32().ShouldBe(1);
    }
}
