using System.Text.Json.Nodes;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Hostile;

/// <summary>A snapshot is evidence from elsewhere: it is checked before it is believed, and a bad one exits 2 with one line and its place.</summary>
public sealed class RobustnessSnapshotTests
{
    private static readonly string Healthy = Path.Combine(Repo.Snapshots, "netns-healthy.json");

    private static JsonObject Load() => JsonNode.Parse(File.ReadAllText(Healthy))!.AsObject();

    private static async Task<(int Code, string Out, string Error)> Replay(RobustnessScratch scratch, JsonObject snapshot)
    {
        var file = scratch.Write("snap.json", snapshot.ToJsonString());
        return await CliRunner.Run("run", "--from", file, "--verbose"); // every result with its skipped probes and why
    }

    private static int IndexOf(JsonObject snapshot, string key) =>
        snapshot["sources"]!.AsArray().Select((s, i) => (s, i)).First(x => x.s!["key"]!.GetValue<string>() == key).i;

    [Fact]
    public async Task A_source_recorded_twice_is_refused_at_the_second()
    {
        using var scratch = new RobustnessScratch();
        var snapshot = Load();
        var sources = snapshot["sources"]!.AsArray();
        sources.Add(sources[3]!.DeepClone());
        var (code, output, error) = await Replay(scratch, snapshot);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldStartWith($"netbufrules: {scratch.Root}/snap.json: $.sources[{sources.Count - 1}].key: source '");
        error.ShouldContain($"is recorded twice (first at $.sources[3])");
        error.Count(c => c == '\n').ShouldBe(1);
    }

    [Fact]
    public async Task A_property_given_twice_is_refused_at_its_place_not_read_as_the_last_one()
    {
        // The second "stdout" would win in a document reader and lose in a streaming one: neither is believed.
        using var scratch = new RobustnessScratch();
        var text = Load().ToJsonString();
        var at = text.IndexOf("\"stdout\":", StringComparison.Ordinal);
        var file = scratch.Write("snap.json", text[..at] + "\"stdout\":\"forged\"," + text[at..]);
        var (code, output, error) = await CliRunner.Run("run", "--from", file);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe($"netbufrules: {file}:1:{at + 1 + "\"stdout\":\"forged\",".Length}: not a snapshot: a property appears twice in one object; keep one\n");
    }

    [Fact]
    public async Task A_second_sample_before_the_first_is_refused_as_time_going_backwards()
    {
        using var scratch = new RobustnessScratch();
        var snapshot = Load();
        var i = IndexOf(snapshot, "file:/proc/net/netstat");
        var samples = snapshot["sources"]![i]!["samples"]!.AsArray();
        samples[1]!["time"] = "2000-01-01T00:00:00+00:00";
        var (code, _, error) = await Replay(scratch, snapshot);
        code.ShouldBe(2);
        error.ShouldContain($"$.sources[{i}].samples[1].time: 2000-01-01T00:00:00+00:00 is before the previous sample");
    }

    [Theory]
    [InlineData(-1.0, "$.interval_seconds")]
    [InlineData(1e9, "$.interval_seconds")]
    public async Task An_absurd_interval_is_refused_at_its_path(double seconds, string path)
    {
        using var scratch = new RobustnessScratch();
        var snapshot = Load();
        snapshot["interval_seconds"] = seconds;
        var (code, _, error) = await Replay(scratch, snapshot);
        code.ShouldBe(2);
        error.ShouldContain($"snap.json: {path}: ");
    }

    [Fact]
    public async Task A_snapshot_that_breaks_the_schema_is_refused_with_the_json_path()
    {
        using var scratch = new RobustnessScratch();
        var snapshot = Load();
        snapshot["sources"]![0]!["samples"]![0]!["stdout"] = 42;
        var (code, _, error) = await Replay(scratch, snapshot);
        code.ShouldBe(2);
        error.ShouldContain("snap.json: $.sources[0].samples[0].stdout: ");
        error.ShouldContain("schemas/snapshot.schema.json");
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_negative_counter_is_not_believed_its_probe_is_skipped_with_the_reason()
    {
        using var scratch = new RobustnessScratch();
        var snapshot = Load();
        var i = IndexOf(snapshot, "cmd:nstat\u0001-asz\u0001--json");
        foreach (var sample in snapshot["sources"]![i]!["samples"]!.AsArray())
            sample!["stdout"] = """{"kernel":{"TcpExtListenOverflows":-5,"TcpExtListenDrops":-5,"TcpExtTCPReqQFullDrop":0,"TcpExtTCPReqQFullDoCookies":0}}""";
        var (code, output, _) = await Replay(scratch, snapshot);
        code.ShouldBeOneOf(0, 1);
        output.ShouldContain("counter value -5 is negative; a counter only counts up from 0");
    }

    [Fact]
    public async Task A_counter_past_a_doubles_range_is_not_believed_either()
    {
        // Red team 9: 1e400 read as Infinity and was shown as 'listen.overflows = Infinity (+NaN, NaN/s)'.
        using var scratch = new RobustnessScratch();
        var snapshot = Load();
        var i = IndexOf(snapshot, "cmd:nstat\u0001-asz\u0001--json");
        foreach (var sample in snapshot["sources"]![i]!["samples"]!.AsArray())
            sample!["stdout"] = """{"kernel":{"TcpExtListenOverflows":1e400,"TcpExtListenDrops":5,"TcpExtTCPReqQFullDrop":0,"TcpExtTCPReqQFullDoCookies":0}}""";
        var (code, output, _) = await Replay(scratch, snapshot);
        code.ShouldBeOneOf(0, 1);
        output.ShouldContain("counter value Infinity is not a finite number; a kernel counter is a whole number below 2^64");
        output.ShouldNotContain("NaN");
    }

    [Fact]
    public async Task A_snapshot_that_is_a_symlink_to_dev_zero_is_refused_at_once()
    {
        using var scratch = new RobustnessScratch();
        var link = Path.Combine(scratch.Root, "zero.json");
        File.CreateSymbolicLink(link, "/dev/zero");
        var (code, output, error) = await CliRunner.Run("run", "--from", link).WaitAsync(TimeSpan.FromSeconds(20));
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe($"netbufrules: {link}:1:1: snapshot '{link}' resolves to /dev/zero, a kernel or device file (under /proc, /sys or /dev); it is never read as input\n");
    }

    [Fact]
    public async Task A_snapshot_over_64_MiB_is_refused_while_reading()
    {
        using var scratch = new RobustnessScratch();
        var file = Path.Combine(scratch.Root, "huge.json");
        using (var stream = File.Create(file)) stream.SetLength(65L * 1024 * 1024);
        var (code, _, error) = await CliRunner.Run("run", "--from", file);
        code.ShouldBe(2);
        error.ShouldContain("is larger than 64 MiB");
    }

    [Fact]
    public async Task A_folder_with_one_bad_snapshot_names_it_and_reports_the_others_listing_it_as_refused()
    {
        using var scratch = new RobustnessScratch();
        File.Copy(Healthy, Path.Combine(scratch.Root, "a-good.json"));
        File.Copy(Path.Combine(Repo.Snapshots, "netns-backlog.json"), Path.Combine(scratch.Root, "b-good.json"));
        var bad = Load();
        bad["interval_seconds"] = -3;
        scratch.Write("c-bad.json", bad.ToJsonString());
        var (code, output, error) = await CliRunner.Run("run", "--from", scratch.Root);
        code.ShouldBe(2, "a refused snapshot is still an input error");
        output.ShouldStartWith("Across 2 hosts");
        output.ShouldContain("Refused (1 snapshot, in none of the counts above):");
        output.ShouldContain("c-bad.json: $.interval_seconds");
        var lines = error.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(2);
        lines[0].ShouldContain("c-bad.json: $.interval_seconds");
        lines[1].ShouldBe("netbufrules: 1 of 3 snapshots refused; the report covers the other 2");
    }

    [Fact]
    public async Task A_folder_of_only_bad_snapshots_reports_nothing()
    {
        using var scratch = new RobustnessScratch();
        var bad = Load();
        bad["interval_seconds"] = -3;
        scratch.Write("c-bad.json", bad.ToJsonString());
        scratch.Write("d-bad.json", bad.ToJsonString());
        var (code, output, error) = await CliRunner.Run("run", "--from", scratch.Root);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldEndWith("netbufrules: 2 of 2 snapshots refused; nothing was reported\n");
    }

    [Fact]
    public async Task A_symlink_out_of_a_snapshot_folder_is_not_followed_and_the_rest_is_reported()
    {
        using var scratch = new RobustnessScratch();
        File.Copy(Healthy, Path.Combine(scratch.Root, "a-good.json"));
        var outside = Path.Combine(Repo.Snapshots, "netns-backlog.json");
        var link = Path.Combine(scratch.Root, "b-link.json");
        File.CreateSymbolicLink(link, outside);
        var (code, output, error) = await CliRunner.Run("run", "--from", scratch.Root);
        error.ShouldBe($"netbufrules: symlink '{link}' not followed: its target is outside '{scratch.Root}'\n");
        output.ShouldNotContain("=== ");
        output.ShouldStartWith("Across 1 hosts");
        code.ShouldBe(0);
    }
}
