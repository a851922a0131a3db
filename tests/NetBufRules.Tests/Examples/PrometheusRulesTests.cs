using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Examples;

/// <summary>The example alerting rules in examples/prometheus/ are valid and do what their unit tests say.</summary>
public sealed class PrometheusRulesTests
{
    private static string Folder => Path.Combine(Repo.Root, "examples", "prometheus");

    [SkippableFact]
    public void The_example_alert_rules_pass_promtool_check_rules()
    {
        Promtool.Require();
        var (code, output) = Promtool.Run(null, "check", "rules", Path.Combine(Folder, "netbufrules-alerts.yaml"));
        code.ShouldBe(0, output);
        output.ShouldContain("SUCCESS: 4 rules found");
    }

    [SkippableFact]
    public void The_example_alert_rules_pass_their_promtool_unit_tests()
    {
        Promtool.Require();
        var (code, output) = Promtool.Run(null, "test", "rules", Path.Combine(Folder, "netbufrules-alerts-tests.yaml"));
        code.ShouldBe(0, output);
        output.ShouldContain("SUCCESS");
    }

    [SkippableFact]
    public void Every_metric_the_rules_use_is_one_the_tool_writes()
    {
        Promtool.Require();
        var rules = File.ReadAllText(Path.Combine(Folder, "netbufrules-alerts.yaml"));
        var used = System.Text.RegularExpressions.Regex.Matches(rules, @"netbufrules_[a-z_]+").Select(m => m.Value).Distinct().ToList();
        used.ShouldNotBeEmpty();
        var writer = File.ReadAllText(Path.Combine(Repo.Root, "engine", "NetBufRules.Engine", "Report", "PrometheusReportWriter.cs"));
        foreach (var metric in used)
            writer.ShouldContain($"\"{metric["netbufrules_".Length..]}\"", customMessage: $"{metric} is not written by PrometheusReportWriter");
    }
}
