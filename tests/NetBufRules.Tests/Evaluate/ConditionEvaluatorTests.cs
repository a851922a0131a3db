using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Probe;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Evaluate;

public sealed class ConditionEvaluatorTests
{
    private const string Probes = """
          overflows:
            counter: true
            file: /proc/net/netstat
            extract: { snmp: TcpExt.ListenOverflows }
          somaxconn:
            sysctl: net.core.somaxconn
        """;

    private static async Task<Finding> Evaluate(string yaml, FakeSourceReader reader, ParamOverrides? overrides = null)
    {
        var playbook = Playbooks.Parse(yaml);
        using var runner = new ProbeRunner(reader, new ProbeRunOptions(TimeSpan.Zero));
        var run = await runner.RunAsync([playbook]);
        return new ConditionEvaluator().Evaluate(playbook, run.For(playbook.Id), (overrides ?? new ParamOverrides()).Resolve(playbook));
    }

    private static FakeSourceReader Host(double before, double after, string somaxconn = "128") => new FakeSourceReader()
        .With("/proc/net/netstat", $"TcpExt: ListenOverflows\nTcpExt: {before}\n", $"TcpExt: ListenOverflows\nTcpExt: {after}\n")
        .With("/proc/sys/net/core/somaxconn", somaxconn);

    private static readonly string Playbook = Playbooks.Minimal(Probes, "  - if: rate(overflows) > limit", """
        advise_when:
          - somaxconn < 4096
        """);

    [Fact]
    public async Task It_fires_on_a_rate_above_the_threshold()
    {
        var finding = await Evaluate(Playbook, Host(1000, 1500));
        finding.Status.ShouldBe(FindingStatus.Fired);
        finding.Evidence["overflows"].ShouldBeOfType<NetBufRules.Evaluate.Evidence.CounterEvidence>().Rate.ShouldBe(250.0);
        finding.Evidence["limit"].ShouldBeOfType<NetBufRules.Evaluate.Evidence.Threshold>().Value.ShouldBe(10.0);
    }

    [Fact]
    public async Task A_low_setting_without_the_symptom_is_advice_not_fired()
    {
        (await Evaluate(Playbook, Host(7, 7))).Status.ShouldBe(FindingStatus.Advice);
    }

    [Fact]
    public async Task A_healthy_host_is_ok()
    {
        (await Evaluate(Playbook, Host(7, 7, somaxconn: "4096"))).Status.ShouldBe(FindingStatus.Ok);
    }

    [Fact]
    public async Task A_param_override_changes_the_verdict()
    {
        var overrides = new ParamOverrides();
        overrides.AddAssignment("sample.limit=1000");
        (await Evaluate(Playbook, Host(1000, 1500, "4096"), overrides)).Status.ShouldBe(FindingStatus.Ok);
    }

    [Fact]
    public async Task When_every_condition_needs_a_skipped_probe_the_playbook_is_skipped_with_the_reason()
    {
        var finding = await Evaluate(Playbook, new FakeSourceReader());
        finding.Status.ShouldBe(FindingStatus.Skipped);
        finding.Symptoms.Single().UnknownReason.ShouldBe("overflows: /proc/net/netstat not found");
    }

    [Fact]
    public async Task A_condition_on_text_is_an_error_on_that_playbook_only()
    {
        var finding = await Evaluate(Playbooks.Minimal(Probes, "  - somaxconn > 9"), Host(1, 1, somaxconn: "abc"));
        finding.Status.ShouldBe(FindingStatus.Error);
        finding.Error.ShouldNotBeNull().ShouldStartWith("'somaxconn > 9':");
    }

    [Fact]
    public async Task Integer_overflow_is_an_error_not_a_silent_wrap()
    {
        var finding = await Evaluate(Playbooks.Minimal(Probes, "  - 2147483647 + 1 > 0"), Host(1, 1));
        finding.Status.ShouldBe(FindingStatus.Error);
        finding.Error.ShouldNotBeNull().ShouldContain("overflow");
    }

    [Fact]
    public async Task A_condition_that_is_not_true_or_false_says_how_to_fix_it()
    {
        var finding = await Evaluate(Playbooks.Minimal(Probes, "  - somaxconn + 1"), Host(1, 1));
        finding.Error.ShouldBe("'somaxconn + 1' gave 129, not true or false; compare it with > < == to a threshold");
    }

    [Fact]
    public async Task Rate_of_a_gauge_explains_that_the_probe_must_be_a_counter()
    {
        var finding = await Evaluate(Playbooks.Minimal(Probes, "  - rate(somaxconn) > 1"), Host(1, 1));
        finding.Error.ShouldNotBeNull().ShouldContain("'somaxconn' is not a counter, so it has no rate; add 'counter: true' to probe 'somaxconn'");
    }

    [Fact]
    public async Task Where_filters_table_rows_and_among_joins_two_tables()
    {
        var yaml = Playbooks.Minimal("""
              listeners:
                command: [ss, -Hltn]
                extract: { table: [state, recv_q, send_q, local, peer, pid] }
                where: recv_q > send_q
              procs:
                processes: true
                where: among(pid, listeners.pid) && fds >= soft
            """, "  - count(procs) > 0");
        var reader = new FakeSourceReader()
            .With("ss -Hltn", "LISTEN 3 2 127.0.0.1:9000 0.0.0.0:* 41\nLISTEN 0 128 0.0.0.0:22 0.0.0.0:* 42\n")
            .With("/proc/*/{comm,fd,limits,cgroup}", "pid\tfds\tsoft\thard\tuid\tunit\tcomm\n41\t16\t16\t16\t0\t-\tserver\n42\t99\t64\t64\t0\t-\tsshd\n");
        var finding = await Evaluate(yaml, reader);
        finding.Status.ShouldBe(FindingStatus.Fired);
        var rows = finding.Values["procs"].ShouldBeOfType<TableValue>().Rows;
        rows.ShouldHaveSingleItem()["comm"].ShouldBe("server", "sshd is over its limit but its listener is not full");
    }
}
