using NetBufRules.Probe;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe;

public sealed class ProbeRunnerTests
{
    private static readonly ProbeRunOptions NoWait = new(TimeSpan.Zero);

    [Fact]
    public async Task A_source_used_by_several_probes_and_playbooks_is_read_once_per_sample()
    {
        var a = Playbooks.Parse(Playbooks.Minimal("""
              x:
                counter: true
                file: /proc/net/netstat
                extract: { snmp: TcpExt.ListenOverflows }
              y:
                file: /proc/net/netstat
                extract: { snmp: TcpExt.ListenDrops }
            """, "  - x > 0"));
        var b = a with { Id = "other" };
        var reader = new FakeSourceReader().With("/proc/net/netstat", "TcpExt: ListenOverflows ListenDrops\nTcpExt: 1 2\n", "TcpExt: ListenOverflows ListenDrops\nTcpExt: 5 6\n");
        using var runner = new ProbeRunner(reader, NoWait);
        var run = await runner.RunAsync([a, b]);
        reader.Reads["/proc/net/netstat"].ShouldBe(2, "once for the first sample, once for the counter's second");
        run.For("other")["x"].Value.ShouldBeOfType<ScalarValue>().Delta.ShouldBe(4);
    }

    [Fact]
    public async Task A_missing_tool_falls_through_to_the_next_fallback()
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal("""
              x:
                command: [nstat, -asz, --json]
                extract: { json: kernel.TcpExtListenOverflows }
                fallback:
                  - file: /proc/net/netstat
                    extract: { snmp: TcpExt.ListenOverflows }
            """, "  - x > 0"));
        var reader = new FakeSourceReader().With("/proc/net/netstat", "TcpExt: ListenOverflows\nTcpExt: 7\n");
        using var runner = new ProbeRunner(reader, NoWait);
        var result = (await runner.RunAsync([playbook])).For("sample")["x"];
        result.Status.ShouldBe(ProbeStatus.Ok);
        result.Source.ShouldBe("/proc/net/netstat");
        result.Value.ShouldBeOfType<ScalarValue>().Value.ShouldBe(7.0);
    }

    [Fact]
    public async Task When_no_alternative_is_left_the_probe_is_skipped_with_every_reason()
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal("""
              x:
                command: [nstat, -asz, --json]
                fallback:
                  - file: /proc/net/netstat
            """, "  - x > 0"));
        using var runner = new ProbeRunner(new FakeSourceReader(), NoWait);
        var result = (await runner.RunAsync([playbook])).For("sample")["x"];
        result.Status.ShouldBe(ProbeStatus.Skipped);
        result.SkipReason.ShouldBe("nstat -asz --json not found; /proc/net/netstat not found");
    }

    [Fact]
    public async Task Output_without_the_wanted_value_moves_on_to_the_fallback()
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal("""
              x:
                command: [nstat, -asz, --json]
                extract: { json: kernel.TcpExtListenOverflows }
                fallback:
                  - file: /proc/net/netstat
                    extract: { snmp: TcpExt.ListenOverflows }
            """, "  - x > 0"));
        var reader = new FakeSourceReader().With("nstat -asz --json", "{\"kernel\":{}}").With("/proc/net/netstat", "TcpExt: ListenOverflows\nTcpExt: 3\n");
        using var runner = new ProbeRunner(reader, NoWait);
        var result = (await runner.RunAsync([playbook])).For("sample")["x"];
        result.Source.ShouldBe("/proc/net/netstat");
        result.Attempts[0].FailedBecause.ShouldBe("nstat -asz --json: 'kernel.TcpExtListenOverflows' is not in the JSON output");
    }

    [Fact]
    public async Task The_absent_text_explains_a_setting_that_does_not_exist_here()
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal("""
              tcp_mem:
                sysctl: net.ipv4.tcp_mem
                absent: tcp_mem belongs to the host
            """, "  - tcp_mem > 0"));
        using var runner = new ProbeRunner(new FakeSourceReader(), NoWait);
        (await runner.RunAsync([playbook])).For("sample")["tcp_mem"].SkipReason.ShouldBe("tcp_mem belongs to the host");
    }

    [Fact]
    public async Task Counters_wait_for_one_shared_window_and_rates_use_the_sample_times()
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal("""
              x:
                counter: true
                file: /a
              y:
                counter: true
                file: /b
            """, "  - x > 0"));
        var reader = new FakeSourceReader().With("/a", "10", "30").With("/b", "0", "1");
        using var runner = new ProbeRunner(reader, new ProbeRunOptions(TimeSpan.FromMilliseconds(200)));
        var run = await runner.RunAsync([playbook]);
        run.Window.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200));
        var x = run.For("sample")["x"].Value.ShouldBeOfType<ScalarValue>();
        x.Delta.ShouldBe(20);
        x.Rate.ShouldBe(10, "the fake reader's samples are 2 s apart");
    }
}
