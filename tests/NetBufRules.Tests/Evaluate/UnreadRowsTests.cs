using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Evaluate;

/// <summary>
/// A table some of whose rows could not be read (processes not readable without root): a condition that finds its
/// culprit among the rows read holds; one that finds none is unknown, with the reason, never false.
/// </summary>
public sealed class UnreadRowsTests
{
    private const string Probes = """
          procs:
            processes: true
        """;

    private static readonly string Playbook = Playbooks.Minimal(Probes, """
          - if: count(procs) > 1
          - if: limit > 100
        """);

    /// <summary>A process table of <paramref name="rows"/> readable processes and a note of what was not read.</summary>
    private sealed class Processes(int rows, string stderr) : ISourceReader
    {
        public Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken)
        {
            source.ShouldBeOfType<ProcessesSource>();
            var table = Enumerable.Range(1, rows).Select(pid => (IReadOnlyDictionary<string, object>)new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["pid"] = (double)pid,
                ["fds"] = 3.0,
                ["soft"] = 1024.0,
                ["hard"] = 4096.0,
                ["uid"] = 1000.0,
                ["unit"] = "-",
                ["comm"] = "sh",
            }).ToList();
            return Task.FromResult(new RawOutput(DateTimeOffset.UnixEpoch, "", stderr, Table: new TableValue(ProcessTable.Columns, table)));
        }
    }

    private static async Task<Finding> Evaluate(int rows, string stderr)
    {
        var playbook = Playbooks.Parse(Playbook);
        using var runner = new ProbeRunner(new Processes(rows, stderr), new ProbeRunOptions(TimeSpan.Zero));
        var run = await runner.RunAsync([playbook]);
        return new ConditionEvaluator().Evaluate(playbook, run.For(playbook.Id), new NetBufRules.Params.ParamOverrides().Resolve(playbook));
    }

    [Fact]
    public async Task No_culprit_among_the_rows_read_is_unknown_when_others_were_not_read()
    {
        var finding = await Evaluate(1, "89 processes not readable (their open files need root to list)");
        finding.Status.ShouldBe(FindingStatus.Ok, "the other symptom was checked and is false");
        finding.Symptoms[0].State.ShouldBe(SignalState.Unknown);
        finding.Symptoms[0].UnknownReason.ShouldBe("89 processes not readable (their open files need root to list)");
        finding.Symptoms[0].Unread.ShouldBeTrue();
        finding.Symptoms[1].State.ShouldBe(SignalState.False);
        finding.Symptoms[1].Unread.ShouldBeFalse();
    }

    [Fact]
    public async Task A_culprit_among_the_rows_read_holds_whatever_was_not_read()
    {
        var finding = await Evaluate(2, "89 processes not readable (their open files need root to list)");
        finding.Status.ShouldBe(FindingStatus.Fired);
        finding.Symptoms[0].State.ShouldBe(SignalState.True);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4 processes of other network namespaces left out")]
    [InlineData("0 processes not readable (their open files need root to list)")]
    [InlineData("many processes not readable (their open files need root to list)")]
    public async Task A_table_read_whole_is_false_as_ever(string stderr)
    {
        var finding = await Evaluate(1, stderr);
        finding.Symptoms[0].State.ShouldBe(SignalState.False);
        finding.Symptoms[0].Unread.ShouldBeFalse();
    }

    [Fact]
    public async Task Processes_of_other_namespaces_left_out_beside_unreadable_ones_still_leave_it_unknown()
    {
        var finding = await Evaluate(1, "7 processes not readable (their open files need root to list); 4 processes of other network namespaces left out");
        finding.Symptoms[0].State.ShouldBe(SignalState.Unknown);
        finding.Symptoms[0].UnknownReason.ShouldBe("7 processes not readable (their open files need root to list)");
    }
}
