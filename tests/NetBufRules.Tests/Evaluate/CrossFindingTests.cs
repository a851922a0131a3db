using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Lint;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Testing;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Evaluate;

/// <summary>Findings that read each other's verdicts: explained_by, fired('id'), explained(), their order and their checks.</summary>
public sealed class CrossFindingTests
{
    private static readonly HostInfo Host = new("test", "test", DateTimeOffset.UnixEpoch, true, "test");

    /// <summary>A playbook that fires when /proc/ID's number is above 0, with extra top-level YAML.</summary>
    private static string Cause(string id, string when = "value > 0", string extra = "") => $"""
        apiVersion: netbufrules/v1
        id: {id}
        title: {id}
        summary: s
        why: w
        probes:
          value:
            file: /proc/{id}
        when:
          - if: {when}
            message: "{id} said {"{{"} explained_by.fired | size {"}}"}"
        {extra}
        """;

    /// <summary>The symptom playbook: fires on its own value unless a listed finding explains it, saying what was ruled out.</summary>
    private const string Symptom = """
        apiVersion: netbufrules/v1
        id: symptom
        title: symptom
        summary: s
        why: w
        probes:
          value:
            file: /proc/symptom
        when:
          - if: value > 0 && !explained()
            message: "unexplained; ruled out: {{ if explained_by.ruled_out }}{{ join explained_by.ruled_out ', ' }}{{ else }}nothing{{ end }}; could not check: {{ if explained_by.unchecked }}{{ join explained_by.unchecked ', ' }}{{ else }}nothing{{ end }}"
        advise_when:
          - if: value > 0 && explained()
            message: "explained by {{ join explained_by.fired ', ' }}"
        explained_by: [first, second, absent]
        """;

    private static Playbook Parse(string yaml, string file) => Playbooks.Parse(yaml, file);

    private static async Task<Dictionary<string, (FindingStatus Status, string Reason)>> Run(FakeSourceReader reader, params Playbook[] playbooks)
    {
        var report = await DiagnosisPipeline.RunAsync(playbooks, new ParamOverrides(), reader, new ProbeRunOptions(TimeSpan.Zero), Host);
        return report.Results.ToDictionary(r => r.Finding.Playbook.Id, r => (r.Status, r.Reason));
    }

    [Fact]
    public async Task A_symptom_that_a_listed_finding_explains_is_not_claimed_even_when_that_finding_comes_later_in_the_list()
    {
        var reader = new FakeSourceReader().With("/proc/symptom", "5").With("/proc/first", "0").With("/proc/second", "1");
        var results = await Run(reader, Parse(Symptom, "symptom.yaml"), Parse(Cause("first"), "first.yaml"), Parse(Cause("second"), "second.yaml"));
        results["second"].Status.ShouldBe(FindingStatus.Fired);
        results["symptom"].Status.ShouldBe(FindingStatus.Advice);
        results["symptom"].Reason.ShouldContain("explained by second");
    }

    [Fact]
    public async Task An_unexplained_symptom_lists_what_was_ruled_out_and_what_could_not_be_checked()
    {
        var reader = new FakeSourceReader().With("/proc/symptom", "5").With("/proc/first", "0");
        var results = await Run(reader, Parse(Symptom, "symptom.yaml"), Parse(Cause("first"), "first.yaml"), Parse(Cause("second"), "second.yaml"));
        results["second"].Status.ShouldBe(FindingStatus.Skipped);
        results["symptom"].Status.ShouldBe(FindingStatus.Fired);
        results["symptom"].Reason.ShouldBe("unexplained; ruled out: first; could not check: second (skipped: value: /proc/second not found), absent (not loaded)");
    }

    [Fact]
    public async Task A_finding_that_could_only_partly_check_is_ruled_out_with_what_it_could_not_check()
    {
        // "first" has a second symptom whose probe is missing: it did not fire, but it did not check everything either.
        var partial = Cause("first").Replace("""
              value:
                file: /proc/first
            """, """
              value:
                file: /proc/first
              other:
                file: /proc/other
            """).Replace("""
              - if: value > 0
            """, """
              - if: value > 0
              - if: other > 0
            """);
        var reader = new FakeSourceReader().With("/proc/symptom", "5").With("/proc/first", "0");
        var results = await Run(reader, Parse(Symptom, "symptom.yaml"), Parse(partial, "first.yaml"));
        results["first"].Status.ShouldBe(FindingStatus.Ok);
        results["symptom"].Reason.ShouldContain("ruled out: first (partly; not checked: other: /proc/other not found)");
    }

    [Fact]
    public async Task Fired_reads_another_findings_verdict_and_is_false_for_one_that_was_not_loaded()
    {
        var reader = new FakeSourceReader().With("/proc/a", "1").With("/proc/b", "1").With("/proc/c", "1");
        var b = Parse(Cause("b", "value > 0 && !fired('a')"), "b.yaml");
        var c = Parse(Cause("c", "value > 0 && !fired('nowhere')"), "c.yaml");
        var results = await Run(reader, b, c, Parse(Cause("a"), "a.yaml"));
        results["b"].Status.ShouldBe(FindingStatus.Ok);
        results["c"].Status.ShouldBe(FindingStatus.Fired);
    }

    [Fact]
    public void The_order_puts_every_finding_after_the_findings_it_reads_and_keeps_the_given_order_otherwise()
    {
        var symptom = Parse(Symptom, "symptom.yaml");
        var first = Parse(Cause("first"), "first.yaml");
        var other = Parse(Cause("other"), "other.yaml");
        var second = Parse(Cause("second", "value > 0 && fired('first')"), "second.yaml");
        FindingOrder.Sort([symptom, other, second, first]).Select(p => p.Id).ShouldBe(["other", "first", "second", "symptom"]);
    }

    [Fact]
    public void A_cycle_is_an_error_at_the_reference_that_closes_it()
    {
        var a = Parse(Cause("a", extra: "explained_by: [b]"), "a.yaml");
        var b = Parse(Cause("b", "value > 0 && !fired('a')"), "b.yaml");
        var diagnostics = PlaybookValidator.Validate([a, b]);
        var cycle = diagnostics.ShouldHaveSingleItem();
        cycle.Code.ShouldBe(Codes.FindingCycle);
        cycle.Severity.ShouldBe(DiagnosticSeverity.Error);
        cycle.ToString().ShouldStartWith("b.yaml:10:23: error NBR075: findings read each other's verdicts in a cycle: a -> b -> a");
    }

    [Fact]
    public void A_finding_that_explains_itself_is_an_error()
    {
        var a = Parse(Cause("a", extra: "explained_by: [a]"), "a.yaml");
        PlaybookValidator.Validate([a]).ShouldHaveSingleItem().ToString().ShouldBe(
            "a.yaml:12:16: error NBR075: 'a' reads its own verdict (hint: a finding cannot explain itself; remove the reference)");
    }

    [Fact]
    public void An_id_that_is_not_loaded_is_only_a_lint_warning_because_a_team_may_run_a_subset()
    {
        var folder = Directory.CreateTempSubdirectory("nbr-h6b-lint-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "symptom.yaml"), Symptom);
            File.WriteAllText(Path.Combine(folder.FullName, "first.yaml"), Cause("first"));
            File.WriteAllText(Path.Combine(folder.FullName, "second.yaml"), Cause("second"));
            var loaded = PlaybookLoader.Load([folder.FullName]);
            PlaybookValidator.Validate(loaded.Playbooks).ShouldBeEmpty();
            var lint = PlaybookLinter.Lint([folder.FullName]).Diagnostics.ShouldHaveSingleItem();
            lint.Code.ShouldBe(Codes.FindingNotLoaded);
            lint.Severity.ShouldBe(DiagnosticSeverity.Warning);
            lint.Message.ShouldBe("'absent' is not a loaded playbook, so it counts as not checked");
            lint.Position.ShouldBe(new SourcePosition(Path.Combine(folder.FullName, "symptom.yaml"), 15, 31));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("value > 0 && fired(id)", "fired() takes one playbook id in quotes")]
    [InlineData("value > 0 && fired('a', 'b')", "fired() takes one playbook id in quotes")]
    [InlineData("value > 0 && explained()", "explained() is used but the playbook has no 'explained_by'")]
    public void Malformed_cross_finding_calls_are_errors_at_their_column(string when, string message)
    {
        var playbook = Parse(Cause("x", when), "x.yaml");
        var diagnostic = PlaybookValidator.Validate([playbook]).First(d => d.Code == Codes.BadFindingReference);
        diagnostic.Message.ShouldBe(message);
        diagnostic.Position.ShouldBe(new SourcePosition("x.yaml", 10, 22));
    }

    [Fact]
    public void An_explained_by_entry_that_is_not_an_id_is_an_error_at_its_place()
    {
        var bag = new DiagnosticBag();
        PlaybookParser.Parse("x.yaml", Cause("x", extra: "explained_by: [Nic_Drops]"), bag);
        bag.Items.ShouldHaveSingleItem().ToString().ShouldStartWith("x.yaml:12:16: error NBR006: 'Nic_Drops' in 'explained_by' is not a playbook id");
    }

    [Fact]
    public async Task A_playbook_test_states_the_verdicts_of_the_findings_it_reads()
    {
        var file = Path.Combine(Path.GetTempPath(), $"nbr-h6b-{Guid.NewGuid():N}.test.yaml");
        try
        {
            File.WriteAllText(file, """
                playbook: symptom
                tests:
                  - name: explained
                    probes: { value: "3" }
                    findings: { first: ok, second: fired }
                    expect: { status: advice, reason_contains: explained by second }
                  - name: not explained
                    probes: { value: "3" }
                    findings: { first: ok, second: error }
                    expect: { status: fired, reason_contains: "ruled out: first; could not check: second (error: stated by the test as error), absent (not loaded)" }
                """);
            var bag = new DiagnosticBag();
            var tests = TestFileParser.Parse(file, File.ReadAllText(file), bag);
            bag.Items.ShouldBeEmpty();
            var playbook = Parse(Symptom, "symptom.yaml");
            foreach (var test in tests)
                (await PlaybookTestRunner.RunAsync(test, playbook)).Failures.ShouldBeEmpty(test.Name);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_test_that_states_an_unknown_status_for_a_finding_is_an_error_at_its_place()
    {
        var bag = new DiagnosticBag();
        TestFileParser.Parse("t.test.yaml", """
            tests:
              - name: n
                findings: { nic-drops: fird }
                expect: { status: ok }
            """, bag);
        var error = bag.Items.ShouldHaveSingleItem();
        error.ToString().ShouldStartWith("t.test.yaml:3:28: error NBR006: unknown status 'fird' for finding 'nic-drops' (hint: did you mean 'fired'?");
    }
}
