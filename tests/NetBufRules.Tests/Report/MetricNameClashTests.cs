using NetBufRules.Diagnostics;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Report;

/// <summary>
/// A metric's Prometheus name is its playbook id ('-' as '_'), its name and its unit's suffix, so two different
/// declarations can meet on one name; Prometheus refuses a whole file with a family twice, so loading refuses them.
/// </summary>
public sealed class MetricNameClashTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("nbr-metric-clash-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string id, string metrics)
    {
        var path = Path.Combine(_dir.FullName, id + ".yaml");
        File.WriteAllText(path, $"""
            apiVersion: netbufrules/v1
            id: {id}
            title: Clash {id}
            severity: warning
            summary: s
            why: w
            probes:
              somaxconn: {"{"} sysctl: net.core.somaxconn {"}"}
            when:
              - if: somaxconn > 1
                message: "somaxconn {"{{"} somaxconn {"}}"}"
            metrics:
            {metrics}
            """);
        return path;
    }

    [Theory]
    [InlineData("rt-a", "  b_c: { value: somaxconn }", "rt-a-b", "  c: { value: somaxconn }", "netbufrules_rt_a_b_c")]
    [InlineData("playbook", "  status: { value: somaxconn }", null, null, "netbufrules_playbook_status")]
    [InlineData("window", "  seconds: { value: somaxconn }", null, null, "netbufrules_window_seconds")]
    [InlineData("rt-d", "  a_per_second: { value: somaxconn }\n  a: { value: somaxconn, unit: per_second }", null, null, "netbufrules_rt_d_a_per_second")]
    public async Task Two_metrics_with_one_prometheus_name_are_an_error_in_lint_and_run(string id, string metrics, string? other, string? otherMetrics, string name)
    {
        Write(id, metrics);
        if (other is not null) Write(other, otherMetrics!);
        var lint = await CliRunner.Run("lint", _dir.FullName);
        lint.ExitCode.ShouldBe(1);
        lint.Out.ShouldContain($"error {Codes.MetricNameClash}: ");
        lint.Out.ShouldContain($" is {name} in Prometheus");
        var run = await CliRunner.Run("run", _dir.FullName, "--interval", "0", "--format", "prometheus");
        run.ExitCode.ShouldBe(2);
        run.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task Different_names_pass_and_a_playbook_given_twice_still_measures_once()
    {
        var path = Write("rt-e", "  c: { value: somaxconn }");
        Write("rt-f", "  c: { value: somaxconn }");
        (await CliRunner.Run(["lint", _dir.FullName])).ExitCode.ShouldBe(0);
        var run = await CliRunner.Run("run", path, path, "--interval", "0", "--format", "prometheus");
        run.Out.Split('\n').Count(l => l == "# TYPE netbufrules_rt_e_c gauge").ShouldBe(1);
        if (File.Exists(Promtool.Path)) Promtool.Run(run.Out, "check", "metrics").Code.ShouldBe(0);
    }
}
