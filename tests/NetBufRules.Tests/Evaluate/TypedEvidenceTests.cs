using NetBufRules.Evaluate;
using NetBufRules.Evaluate.Evidence;
using NetBufRules.Params;
using NetBufRules.Probe;
using NetBufRules.Report;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Evaluate;

public sealed class TypedEvidenceTests
{
    private const string Probes = """
          overflows:
            counter: true
            file: /proc/net/netstat
            extract: { snmp: TcpExt.ListenOverflows }
          rmem_max:
            sysctl: net.core.rmem_max
          tcp_mem:
            sysctl: net.ipv4.tcp_mem
            extract: { fields: [min, pressure, max] }
        """;

    private static async Task<Finding> Evaluate(string when)
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal(Probes, when, """
            advise_when:
              - rmem_max < min_rmem
              - tcp_mem.max < min_pages
            """).Replace("  limit: 10", "  limit: 10\n  min_rmem: 16777216\n  min_pages: 1000000", StringComparison.Ordinal));
        var reader = new FakeSourceReader()
            .With("/proc/net/netstat", "TcpExt: ListenOverflows\nTcpExt: 1000\n", "TcpExt: ListenOverflows\nTcpExt: 1500\n")
            .With("/proc/sys/net/core/rmem_max", "4194304")
            .With("/proc/sys/net/ipv4/tcp_mem", "190000\t250000\t380000");
        using var runner = new ProbeRunner(reader, new ProbeRunOptions(TimeSpan.Zero));
        var run = await runner.RunAsync([playbook]);
        return new ConditionEvaluator().Evaluate(playbook, run.For(playbook.Id), new ParamOverrides().Resolve(playbook));
    }

    [Fact]
    public async Task A_param_is_a_threshold_that_names_what_it_judged_and_takes_the_unit_of_a_rate()
    {
        var finding = await Evaluate("  - if: rate(overflows) > limit");
        var limit = finding.Evidence["limit"].ShouldBeOfType<Threshold>();
        limit.Measured.ShouldBeFalse();
        limit.ComparedWith.ShouldBe(["overflows"]);
        limit.Unit.ShouldBe(EvidenceUnit.PerSecond);
        var overflows = finding.Evidence["overflows"].ShouldBeOfType<CounterEvidence>();
        (overflows.Value, overflows.Delta, overflows.Rate).ShouldBe((1500.0, 500.0, 250.0));
    }

    [Fact]
    public async Task Settings_read_in_bytes_and_pages_carry_their_unit_and_so_do_the_thresholds_compared_with_them()
    {
        var finding = await Evaluate("  - if: rate(overflows) > limit");
        finding.Evidence["rmem_max"].ShouldBeOfType<Measurement>().Unit.ShouldBe(EvidenceUnit.Bytes);
        finding.Evidence["min_rmem"].ShouldBeOfType<Threshold>().Unit.ShouldBe(EvidenceUnit.Bytes);
        finding.Evidence["tcp_mem.max"].ShouldBeOfType<Measurement>().Unit.ShouldBe(EvidenceUnit.Pages);
        finding.Evidence["min_pages"].ShouldBeOfType<Threshold>().Unit.ShouldBe(EvidenceUnit.Pages);
    }

    [Fact]
    public async Task A_threshold_multiplied_in_a_comparison_does_not_take_the_unit_of_the_other_side()
    {
        var finding = await Evaluate("  - if: rate(overflows) > rmem_max * limit");
        finding.Evidence["limit"].ShouldBeOfType<Threshold>().Unit.ShouldBe(EvidenceUnit.Number);
    }

    [Theory]
    [InlineData(41.0, EvidenceUnit.PerSecond, "41/s")]
    [InlineData(4194304.0, EvidenceUnit.Bytes, "4194304 bytes (4 MiB)")]
    [InlineData(512.0, EvidenceUnit.Bytes, "512 bytes")]
    [InlineData(190000.0, EvidenceUnit.Pages, "190000 pages (742.2 MiB)")]
    [InlineData(67584.0, EvidenceUnit.Kibibytes, "67584 KiB (66 MiB)")]
    [InlineData(5.0, EvidenceUnit.Seconds, "5 s")]
    [InlineData(0.7, EvidenceUnit.Ratio, "0.7")]
    public void Numbers_are_written_with_their_unit_and_pages_also_as_bytes(double value, object unit, string expected) =>
        EvidenceText.Number(value, (EvidenceUnit)unit).ShouldBe(expected); // object: the engine's enums are internal

    [Fact]
    public void A_table_row_shows_a_counter_column_with_its_rate_and_never_a_rate_column_of_its_own()
    {
        var row = new Dictionary<string, object>(StringComparer.Ordinal) { ["dev"] = "eth0", ["dropped"] = 12.0, ["dropped_rate"] = 3.0 };
        EvidenceText.Row(row).ShouldBe("{dev=eth0 dropped=12 (3/s)}");
    }
}
