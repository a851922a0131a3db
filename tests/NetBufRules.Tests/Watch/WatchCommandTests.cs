using System.Diagnostics;
using System.Text.RegularExpressions;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Watch;

/// <summary>
/// `watch` in-process against a counter that the test drives: a burst makes the cause fire and clear, and the flight
/// recorder's snapshot replays it. Fast windows (0.25 s) keep it short; the namespace test does it for real. A playbook
/// reads only /proc and /sys, so the probe names a real /proc file and the test's reader answers it from the counter.
/// </summary>
public sealed partial class WatchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nbr-h7-watch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private volatile bool _stopped;

    private string Counter => Path.Combine(_dir, "drops");

    /// <summary>The /proc file the test playbook reads: a number on every host; in-process, <see cref="Driven"/> answers it.</summary>
    private const string ProbedFile = "/proc/sys/kernel/pid_max";

    /// <summary>Serves the driven counter for <see cref="ProbedFile"/> and reads everything else live.</summary>
    private sealed class DrivenReader(string counter) : NetBufRules.Probe.ISourceReader
    {
        private readonly NetBufRules.Probe.LiveSourceReader _live = new();

        public Task<NetBufRules.Probe.RawOutput> ReadAsync(NetBufRules.Model.SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken) =>
            source is NetBufRules.Model.FileSource { Path: ProbedFile }
                ? Task.FromResult(new NetBufRules.Probe.RawOutput(DateTimeOffset.UtcNow, File.ReadAllText(counter)))
                : _live.ReadAsync(source, timeout, sample, cancellationToken);
    }

    private NetBufRules.Probe.ISourceReader Driven => new DrivenReader(Counter);

    private string Playbook()
    {
        File.WriteAllText(Counter, "0\n");
        var path = Path.Combine(_dir, "drops.yaml");
        File.WriteAllText(path, $$$"""
            apiVersion: netbufrules/v1
            id: drops
            title: Drops
            summary: a counter the test drives
            why: because
            probes:
              drops: { counter: true, file: {{{ProbedFile}}} }
            when:
              - if: rate(drops) > 50
                message: dropping {{ round rate.drops 0 }}/s
            metrics:
              drops: { value: rate(drops), unit: per_second, help: drops per second }
            """);
        return path;
    }

    /// <summary>Adds 50 to the counter every 50 ms (1,000/s) for <paramref name="burst"/>, once <paramref name="start"/> holds.</summary>
    private Thread Burst(Func<bool> start, TimeSpan burst)
    {
        var thread = new Thread(() =>
        {
            while (!start() && !_stopped) Thread.Sleep(50);
            var clock = Stopwatch.StartNew();
            for (var n = 50; clock.Elapsed < burst && !_stopped; n += 50)
            {
                // Atomic, so a read never sees half a number.
                File.WriteAllText(Counter + ".tmp", $"{n}\n");
                File.Move(Counter + ".tmp", Counter, overwrite: true);
                Thread.Sleep(50);
            }
        })
        { IsBackground = true };
        thread.Start();
        return thread;
    }

    [Fact]
    public async Task A_burst_fires_once_clears_once_and_its_snapshot_replays_the_same_cause()
    {
        var playbook = Playbook();
        var record = Path.Combine(_dir, "record");
        var textfile = Directory.CreateDirectory(Path.Combine(_dir, "textfile")).FullName;
        // The burst starts once watch has seen two quiet windows (its textfile counts them), however slowly it starts.
        var burst = Burst(() => File.Exists(Path.Combine(textfile, "netbufrules.prom"))
            && Regex.IsMatch(File.ReadAllText(Path.Combine(textfile, "netbufrules.prom")), @"\nnetbufrules_windows_total ([2-9]|\d\d)\n"), TimeSpan.FromSeconds(1.5));
        var (code, output, error) = await CliRunner.Run(Driven, "watch", playbook, "--interval", "0.25", "--for", "6s", "--clear-after", "1s", "--record", record, "--textfile", textfile);
        _stopped = true;
        burst.Join();
        code.ShouldBe(1, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Count(l => l.Contains(" drops fired: dropping ", StringComparison.Ordinal)).ShouldBe(1, output);
        lines.Count(l => Regex.IsMatch(l, @"^\d\d:\d\d:\d\d drops cleared after \d+ s \(peak [\d,]+ drops/s\)$")).ShouldBe(1, output);
        output.ShouldContain("summary: ");
        output.ShouldMatch(@"  drops: first fired \d\d:\d\d:\d\d, once, fired \d+ s in total, peak [\d,]+ drops/s, seen in \d+ of \d+ windows");

        var snapshot = SnapshotPath().Match(output).Groups[1].Value;
        File.Exists(snapshot).ShouldBeTrue(output);
        Path.GetDirectoryName(Path.GetDirectoryName(snapshot)).ShouldBe(record);
        Directory.GetFiles(Path.GetDirectoryName(snapshot)!, "before-*.json").ShouldNotBeEmpty("the windows before the fire are kept too");
        // Its own registry: another test class has registered the same schema id in the global one.
        var schema = Json.Schema.JsonSchema.FromFile(Path.Combine(Repo.Schemas, "snapshot.schema.json"), new Json.Schema.BuildOptions { SchemaRegistry = new Json.Schema.SchemaRegistry() });
        schema.Evaluate(System.Text.Json.JsonDocument.Parse(File.ReadAllText(snapshot)).RootElement).IsValid.ShouldBeTrue("the recording follows the snapshot schema");
        var (replayCode, replay, _) = await CliRunner.Run("run", playbook, "--from", snapshot);
        replayCode.ShouldBe(1, replay);
        replay.ShouldContain("dropping ");
    }

    [Fact]
    public async Task A_quiet_watch_prints_no_transition_and_exits_0_with_a_summary()
    {
        var (code, output, error) = await CliRunner.Run(Driven, "watch", Playbook(), "--interval", "0.25", "--for", "1s");
        code.ShouldBe(0, error);
        output.ShouldMatch(@"^summary: [1-5] windows, no cause fired\n$");
        error.ShouldStartWith("netbufrules: watching 1 playbooks every 0.25 s");
    }

    [SkippableFact]
    public async Task The_textfile_is_replaced_whole_on_every_window_and_passes_promtool()
    {
        Promtool.Require();
        var playbook = Playbook();
        // The burst lasts the whole watch, so its last window measures it however slowly the machine starts watch.
        var burst = Burst(() => true, TimeSpan.FromSeconds(60));
        var (_, _, error) = await CliRunner.Run(Driven, "watch", playbook, "--interval", "0.25", "--for", "3s", "--textfile", _dir);
        _stopped = true;
        burst.Join();
        Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(["drops", "drops.yaml", "netbufrules.prom"]);
        var text = File.ReadAllText(Path.Combine(_dir, "netbufrules.prom"));
        text.ShouldContain("netbufrules_playbook_firing{playbook=\"drops\",severity=\"warning\"} 1\n");
        text.ShouldContain("netbufrules_playbook_fires_total{playbook=\"drops\",severity=\"warning\"} 1\n");
        text.ShouldMatch(@"\nnetbufrules_drops_drops_per_second [1-9]");
        text.ShouldMatch(@"\nnetbufrules_windows_total ([2-9]|\d\d)\n");
        var (code, promtool) = Promtool.Run(text, "check", "metrics");
        promtool.ShouldBeEmpty();
        code.ShouldBe(0);
    }

    [Theory]
    [InlineData("--for", "soon", "--for 'soon' is not a duration")]
    [InlineData("--interval", "0", "--interval 0 is out of range")]
    [InlineData("--textfile", "/no/such/dir", "--textfile folder '/no/such/dir' does not exist")]
    public async Task Bad_options_exit_2_with_one_clear_line(string option, string value, string message)
    {
        var (code, output, error) = await CliRunner.Run("watch", Playbook(), option, value);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe($"netbufrules: {message}" + error[(message.Length + 13)..]);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
    }

    [Theory]
    [InlineData("--record-max-mb", "99999999999", "--record-max-mb: '99999999999' is not a whole number up to 2,147,483,647")]
    [InlineData("--interval", "abc", "--interval: 'abc' is not a number (e.g. 2 or 0.5)")]
    [InlineData("--record-windows", "5\u001b[2J", "--record-windows: '5\\x1b[2J' is not a whole number up to 2,147,483,647")]
    public async Task A_value_of_the_wrong_kind_is_named_in_words_not_as_a_dotnet_type(string option, string value, string message)
    {
        var (code, output, error) = await CliRunner.Run("watch", Playbook(), option, value);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe($"netbufrules: {message}\nTry 'netbufrules --help'.\n");
    }

    [Fact]
    public async Task A_slow_interval_shorter_than_a_window_is_said_to_be_every_window()
    {
        var (code, _, error) = await CliRunner.Run(Driven, "watch", Playbook(), "--interval", "0.25", "--for", "0.5s", "--slow-interval", "1ms");
        code.ShouldBe(0, error);
        error.ShouldStartWith("netbufrules: watching 1 playbooks every 0.25 s (process table and kernel log every window); ");
    }

    [SkippableFact]
    public void Sigterm_stops_watch_with_a_summary_and_exit_0()
    {
        Skip.IfNot(File.Exists("/bin/kill"), "needs kill(1)");
        var info = new ProcessStartInfo(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "netbufrules.dll"), "watch", Playbook(), "--interval", "0.25" }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        try
        {
            process.StandardError.ReadLine().ShouldNotBeNull().ShouldStartWith("netbufrules: watching");
            Thread.Sleep(1000);
            Process.Start("/bin/kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            process.WaitForExit(10_000).ShouldBeTrue("watch did not stop on SIGTERM");
            process.ExitCode.ShouldBe(0);
            process.StandardOutput.ReadToEnd().ShouldMatch(@"^summary: \d+ windows, no cause fired\n$");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [GeneratedRegex(@"\[snapshot ([^\]]+)\]")]
    private static partial Regex SnapshotPath();
}
