using NetBufRules.Probe;
using NetBufRules.Tests.Support;
using NetBufRules.Watch;

namespace NetBufRules.Tests.Watch;

public sealed class WindowSourceReaderTests
{
    private static readonly NetBufRules.Model.Playbook Sample = Playbooks.Parse(Playbooks.Minimal(
        "  drops: { counter: true, file: /x/counter }\n  procs: { processes: true }\n  somax: { file: /x/somax }\n  log: { command: [dmesg] }",
        "  - if: rate(drops) > limit && count(procs) >= 0 && somax > 0 && log != ''"));

    private static async Task<List<ProbeRun>> Windows(ISourceReader live, int count)
    {
        var reader = new WindowSourceReader(live, WindowSourceReader.CounterKeys([Sample]), TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        var runs = new List<ProbeRun>();
        for (var i = 0; i < count; i++)
        {
            reader.StartWindow();
            using var runner = new ProbeRunner(reader, new ProbeRunOptions(TimeSpan.Zero));
            runs.Add(await runner.RunAsync([Sample]));
        }
        return runs;
    }

    [Fact]
    public async Task Each_source_is_read_once_per_window_and_counters_share_the_edge_between_windows()
    {
        var live = new FakeSourceReader().With("/x/counter", "10", "20").With("/x/somax", "4096").With("dmesg", "a line");
        await Windows(live, 3);
        live.Reads["/x/counter"].ShouldBe(4, "two reads for the first window, then one per window");
        live.Reads["/x/somax"].ShouldBe(3);
    }

    [Fact]
    public async Task The_process_table_and_the_kernel_log_are_read_on_the_slow_cadence()
    {
        var live = new FakeSourceReader().With("/x/counter", "10", "20").With("/x/somax", "4096").With("dmesg", "a line");
        var runs = await Windows(live, 3);
        live.Reads["dmesg"].ShouldBe(1);
        live.Reads["/proc/*/{comm,fd,limits,cgroup}"].ShouldBe(1);
        runs[2].For("sample")["log"].Status.ShouldBe(ProbeStatus.Ok, "the last output stands in between");
    }

    [Fact]
    public async Task A_window_measures_the_change_between_two_consecutive_reads()
    {
        var live = new FakeSourceReader().With("/x/counter", "10", "25").With("/x/somax", "4096").With("dmesg", "a line");
        var runs = await Windows(live, 2);
        var second = (ScalarValue)runs[1].For("sample")["drops"].Value!;
        second.Delta.ShouldBe(0, "the second window starts where the first ended (25) and the fake keeps printing 25");
        ((ScalarValue)runs[0].For("sample")["drops"].Value!).Delta.ShouldBe(15);
    }
}
