using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Hostile;

/// <summary>NaN would switch a check off silently and Infinity would render into a fix: neither is ever a threshold.</summary>
public sealed class RobustnessParamsTests
{
    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public async Task A_non_finite_set_is_a_usage_error_naming_the_assignment(string value)
    {
        var (code, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--set", $"tcp-backlog.min_somaxconn={value}", "--interval", "0");
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldStartWith($"netbufrules: --set 'tcp-backlog.min_somaxconn={value}': ");
        error.ShouldContain("is not a finite number");
    }

    [Fact]
    public async Task A_non_finite_value_in_a_values_file_is_refused_at_its_line_and_column()
    {
        using var scratch = new RobustnessScratch();
        var values = scratch.Write("values.yaml", "tcp-backlog:\n  min_somaxconn: .NaN\nmax_overflows_per_s: Infinity\n");
        var (code, _, error) = await CliRunner.Run("run", Repo.Playbooks, "--values", values, "--interval", "0");
        code.ShouldBe(2);
        // YAML's own '.NaN' is refused like 'NaN' (it used to pass as the text '.NaN'), at its own place, first.
        error.ShouldBe($"netbufrules: {values}:2:18: 'NaN' is not a finite number (NaN, Infinity and values beyond ±1.8e308 are refused)\n");
    }

    [Fact]
    public async Task A_playbook_param_that_is_not_finite_is_a_load_error_at_its_place()
    {
        using var scratch = new RobustnessScratch();
        var file = scratch.Write("nan.yaml", RobustnessScratch.Playbook("nan", "    file: /proc/loadavg", "v > limit", "params:\n  limit: NaN\n"));
        var (code, _, error) = await CliRunner.Run("run", file, "--interval", "0");
        code.ShouldBe(2);
        error.ShouldContain($"{file}:13:10: error NBR006: param 'limit' is 'NaN', not a finite number");
    }

    [Theory]
    [InlineData("!!float .nan", "'.nan' is tagged !!float but is no finite number")]
    [InlineData(".nan", "param 'limit' is '.nan', not a finite number")]
    [InlineData("-.Inf", "param 'limit' is '-.Inf', not a finite number")]
    [InlineData("!!int ten", "'ten' is tagged !!int but is no finite number")]
    [InlineData("!!bool 1", "'1' is tagged !!bool but is neither true nor false")]
    [InlineData("!include /etc/shadow", "the YAML tag !include is not supported")]
    [InlineData("!!binary aGk=", "the YAML tag !!binary is not supported")]
    public async Task A_tagged_param_is_held_to_its_tag_at_lint_and_an_unknown_tag_is_an_error(string written, string message)
    {
        // Read as if the tag were absent, '!!float .nan' was the text '.nan': lint passed it and every run failed.
        using var scratch = new RobustnessScratch();
        var file = scratch.Write("tagged.yaml", RobustnessScratch.Playbook("tagged", "    file: /proc/loadavg", "v > limit", $"params:\n  limit: {written}\n"));
        var (code, output, error) = await CliRunner.Run("lint", file);
        code.ShouldBe(1);
        error.ShouldBeEmpty();
        output.ShouldContain($"{file}:13:10: error NBR006: {message}");
    }

    [Fact]
    public void A_param_tagged_str_is_text_and_one_tagged_float_a_number()
    {
        var playbook = Playbooks.Parse(RobustnessScratch.Playbook("tagged", "    file: /proc/loadavg", "v > a", "params:\n  a: !!str 10\n  b: !!float 2.5\n  c: ! 7\n"), "tagged.yaml");
        playbook.Params.Single(p => p.Name == "a").Value.ShouldBe("10");
        playbook.Params.Single(p => p.Name == "b").Value.ShouldBe(2.5);
        playbook.Params.Single(p => p.Name == "c").Value.ShouldBe("7");
    }

    [Fact]
    public async Task A_test_files_set_that_is_not_finite_is_a_broken_test_file_with_its_place()
    {
        using var scratch = new RobustnessScratch();
        scratch.Write("pack/nan.yaml", RobustnessScratch.Playbook("nan", "    file: /proc/loadavg", "v > limit", "params:\n  limit: 1\n"));
        var tests = scratch.Write("pack/nan.test.yaml", """
            tests:
              - name: never a threshold
                probes: { v: "5" }
                set: { limit: -Infinity }
                expect: { status: fired }
            """);
        var (code, _, error) = await CliRunner.Run("test", Path.Combine(scratch.Root, "pack"));
        code.ShouldBe(2);
        error.ShouldContain($"{tests}:4:19: error NBR006: set 'limit' is '-Infinity', not a finite number");
    }
}
