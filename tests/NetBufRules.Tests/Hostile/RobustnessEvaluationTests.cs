using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Render;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Hostile;

/// <summary>One broken playbook among good ones: it becomes one <c>error</c> (or a failed probe), and every other result still comes.</summary>
public sealed class RobustnessEvaluationTests
{
    private static readonly string Good = RobustnessScratch.Playbook("good", "    file: /proc/sys/net/core/somaxconn", "v > 100");
    private const string Backtracking = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";

    private static async Task<IReadOnlyList<RenderedFinding>> Run(ISourceReader reader, params string[] playbooks)
    {
        var loaded = playbooks.Select((text, i) => Playbooks.Parse(text, $"p{i}.yaml")).ToList();
        var report = await DiagnosisPipeline.RunAsync(loaded, new ParamOverrides(), reader, new ProbeRunOptions(TimeSpan.Zero), CliRunner.FixedHost);
        return report.Results;
    }

    private static FakeSourceReader Host() => new FakeSourceReader()
        .With("/proc/sys/net/core/somaxconn", "4096")
        .With("/proc/loadavg", Backtracking);

    private static RenderedFinding Of(IReadOnlyList<RenderedFinding> results, string id) => results.Single(r => r.Finding.Playbook.Id == id);

    [Fact]
    public async Task A_backtracking_extractor_regex_times_out_as_a_failed_probe_and_the_other_playbook_still_fires()
    {
        var hostile = RobustnessScratch.Playbook("backtrack", "    file: /proc/loadavg\n    extract: { regex: '^(?<value>(a+)+)$' }", "v > 0");
        var results = await Run(Host(), Good, hostile);
        Of(results, "good").Status.ShouldBe(FindingStatus.Fired);
        var broken = Of(results, "backtrack");
        broken.Status.ShouldBe(FindingStatus.Skipped);
        broken.Reason.ShouldContain("ran longer than 200 ms");
    }

    [Fact]
    public async Task A_backtracking_unusable_if_regex_makes_its_source_unusable_and_says_why()
    {
        var hostile = RobustnessScratch.Playbook("unusable", "    file: /proc/loadavg\n    unusable_if: '^(a+)+$'\n    extract: { lines: true }", "v > 0");
        var results = await Run(Host(), Good, hostile);
        Of(results, "good").Status.ShouldBe(FindingStatus.Fired);
        Of(results, "unusable").Reason.ShouldContain("unusable_if /^(a+)+$/ ran longer than 200 ms");
    }

    [Theory]
    [InlineData("5 % 0 > 1")]
    [InlineData("5 / 0 > 1")]
    [InlineData("9223372036854775807 + 1 > 0")]
    [InlineData("2147483647 * 2147483647 * 2147483647 > 0")]
    public async Task Arithmetic_errors_are_that_playbooks_error_with_the_condition_and_the_others_still_report(string condition)
    {
        var hostile = RobustnessScratch.Playbook("arith", "    file: /proc/sys/net/core/somaxconn", condition);
        var results = await Run(Host(), Good, hostile);
        Of(results, "good").Status.ShouldBe(FindingStatus.Fired);
        var arith = Of(results, "arith");
        arith.Status.ShouldBeOneOf(FindingStatus.Error, FindingStatus.Fired, FindingStatus.Ok);
        if (arith.Status == FindingStatus.Error) arith.Reason.ShouldContain(condition.Split(' ')[0]);
    }

    [Fact]
    public async Task Integer_modulo_by_zero_is_an_error_result_at_the_conditions_place_not_a_crash()
    {
        var hostile = RobustnessScratch.Playbook("modzero", "    file: /proc/sys/net/core/somaxconn", "5 % 0 > 1");
        var results = await Run(Host(), Good, hostile);
        Of(results, "modzero").Status.ShouldBe(FindingStatus.Error);
        Of(results, "modzero").Reason.ShouldBe("p1.yaml:11:5: '5 % 0 > 1': Attempted to divide by zero.");
    }

    [Theory]
    [InlineData("v % 0 > 1")]
    [InlineData("v % 0 != v % 0")]
    [InlineData("v * 1.5 % (v - v) < 1")]
    public async Task A_remainder_by_zero_on_a_host_value_is_that_playbooks_error_not_a_NaN_that_decides_the_verdict(string condition)
    {
        // A probe's value is a double, whose % 0 is NaN: NaN compared false (or != true) and the verdict was ok or fired.
        var hostile = RobustnessScratch.Playbook("modzero", "    file: /proc/sys/net/core/somaxconn", condition);
        var results = await Run(Host(), Good, hostile);
        Of(results, "good").Status.ShouldBe(FindingStatus.Fired);
        Of(results, "modzero").Status.ShouldBe(FindingStatus.Error);
        Of(results, "modzero").Reason.ShouldStartWith($"p1.yaml:11:5: '{condition}': ");
        Of(results, "modzero").Reason.ShouldContain("is not a number (a remainder or division by zero?)");
        Of(results, "modzero").Reason.ShouldNotContain("NCalc");
    }

    [Fact]
    public async Task A_reader_that_throws_for_one_probe_makes_only_that_playbook_an_internal_error()
    {
        var hostile = RobustnessScratch.Playbook("buggy", "    file: /proc/buggy", "v > 0");
        var results = await Run(new ThrowingReader(Host(), "/proc/buggy"), Good, hostile);
        Of(results, "good").Status.ShouldBe(FindingStatus.Fired);
        var buggy = Of(results, "buggy");
        buggy.Status.ShouldBe(FindingStatus.Error);
        buggy.Reason.ShouldStartWith("internal error in probe v: InvalidOperationException: boom");
        buggy.Reason.ShouldContain("not a verdict");
    }

    /// <summary>A reader with a bug: throws for one source.</summary>
    private sealed class ThrowingReader(ISourceReader inner, string describe) : ISourceReader
    {
        public Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken) =>
            source.Describe() == describe ? throw new InvalidOperationException("boom") : inner.ReadAsync(source, timeout, sample, cancellationToken);
    }
}
