using System.Text;
using System.Text.Json.Nodes;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe.Recording;

/// <summary>
/// A fleet's snapshots share an output's string only when its bytes are the same as before: a snapshot read through
/// <see cref="SnapshotStrings"/> is exactly the snapshot read without it, on every recording and on every broken, odd
/// and re-escaped variant, and what never repeats is not kept.
/// </summary>
public sealed class SnapshotStringsTests
{
    private static IEnumerable<string> Outputs(Snapshot snapshot) =>
        snapshot.Sources.SelectMany(s => s.Samples).SelectMany(r => new[] { r.Stdout, r.Stderr });

    [Fact]
    public void Every_recording_read_again_is_the_same_snapshot_with_its_long_outputs_shared()
    {
        // One cache for all the recordings, which together outgrow its budget: past it, reads must stay exact.
        var strings = new SnapshotStrings();
        foreach (var file in Directory.GetFiles(Repo.Snapshots, "*.json", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            var plain = SnapshotStream.TryRead(bytes)!;
            for (var i = 0; i < 3; i++) SnapshotStreamTests.Same(SnapshotStream.TryRead(bytes, strings)!, plain).ShouldBeTrue(file);
            // One cache per recording for the sharing itself (kept once seen twice: the third read is given the
            // second's strings), so a recording added to the examples never finds the budget spent by the others.
            var own = new SnapshotStrings();
            var reads = Enumerable.Range(0, 3).Select(_ => SnapshotStream.TryRead(bytes, own)!).ToList();
            foreach (var read in reads) SnapshotStreamTests.Same(read, plain).ShouldBeTrue(file);
            var long2 = Outputs(reads[1]).Where(o => Encoding.UTF8.GetByteCount(o) >= 2 * SnapshotStrings.MinBytes).ToList();
            var long3 = Outputs(reads[2]).Where(o => Encoding.UTF8.GetByteCount(o) >= 2 * SnapshotStrings.MinBytes).ToList();
            long3.Count.ShouldBe(long2.Count, file);
            for (var i = 0; i < long3.Count; i++) ReferenceEquals(long3[i], long2[i]).ShouldBeTrue($"{file}: output {i} decoded again");
        }
        strings.Held.ShouldBeLessThanOrEqualTo(SnapshotStrings.MaxBytes);
        strings.Bytes.ShouldBe(strings.Held);
    }

    [Fact]
    public void On_broken_odd_and_re_escaped_snapshots_it_reads_what_the_plain_reader_reads()
    {
        var strings = new SnapshotStrings();
        var small = SnapshotStreamTests.Small();
        // Each variant read three times, so every output is shared from its second reading on.
        var cases = 0;
        foreach (var text in SnapshotStreamTests.Variants(small).Concat(Reescaped(small)))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var plain = SnapshotStream.TryRead(bytes);
            for (var i = 0; i < 3; i++)
            {
                var shared = SnapshotStream.TryRead(bytes, strings);
                if (plain is null) shared.ShouldBeNull(text);
                else SnapshotStreamTests.Same(shared.ShouldNotBeNull(text), plain).ShouldBeTrue(text);
            }
            cases++;
        }
        cases.ShouldBeGreaterThan(1000);
        // Most were stepped over or shared, not decoded.
        strings.Counts.Values.Sum(c => c.Hits).ShouldBeGreaterThan(cases);
    }

    /// <summary>The same outputs written with other escapes, and outputs one character apart.</summary>
    private static IEnumerable<string> Reescaped(JsonObject original)
    {
        var text = original.ToJsonString();
        var stdout = original["sources"]![0]!["samples"]![0]!["stdout"]!.GetValue<string>();
        // Escaped differently, the same text: its own bytes, the same string.
        yield return text.Replace("\\n", "\\u000a", StringComparison.Ordinal);
        yield return text.Replace("\\n", "\\u000A", StringComparison.Ordinal);
        // Longer or shorter by a few characters, or with an escaped quote after the same text: a string that begins
        // as a shared one is not that one.
        foreach (var other in new[] { stdout + "more", stdout + "\"", stdout + "\\", stdout[..^3] })
        {
            var copy = (JsonObject)original.DeepClone();
            copy["sources"]![0]!["samples"]![0]!["stdout"] = other;
            yield return copy.ToJsonString();
        }
        // One character apart, at the start, the middle and the end: never given the other's string.
        for (var at = 0; at < stdout.Length; at += Math.Max(1, stdout.Length / 7))
        {
            var copy = (JsonObject)original.DeepClone();
            var changed = stdout[..at] + (stdout[at] == 'x' ? 'y' : 'x') + stdout[(at + 1)..];
            copy["sources"]![0]!["samples"]![0]!["stdout"] = changed;
            yield return copy.ToJsonString();
        }
    }

    [Fact]
    public void A_source_that_differs_every_time_rests_and_keeps_nothing()
    {
        var strings = new SnapshotStrings();
        var healthy = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Snapshots, "host-oom.json")))!;
        var dmesg = healthy["sources"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "cmd:dmesg")!["samples"]![0]!;
        var log = dmesg["stdout"]!.GetValue<string>();
        for (var i = 0; i < SnapshotStrings.RestAfter + 8; i++)
        {
            // Seen twice each (so kept), then never again.
            dmesg["stdout"] = $"[    0.000000] host {i}\n{log}";
            var bytes = Encoding.UTF8.GetBytes(healthy.ToJsonString());
            SnapshotStream.TryRead(bytes, strings).ShouldNotBeNull();
            SnapshotStream.TryRead(bytes, strings).ShouldNotBeNull();
        }
        var counts = strings.Counts["cmd:dmesg"];
        counts.Resting.ShouldBeTrue();
        // The other sources repeat on every read and stay shared; the kernel logs kept are let go.
        strings.Counts.Where(c => c.Key != "cmd:dmesg").ShouldAllBe(c => !c.Value.Resting);
        var others = healthy["sources"]!.AsArray().Where(s => s!["key"]!.GetValue<string>() != "cmd:dmesg")
            .SelectMany(s => s!["samples"]!.AsArray()).Sum(x => x!["stdout"]!.GetValue<string>().Length + x["stderr"]!.GetValue<string>().Length);
        strings.Held.ShouldBeLessThan(2L * (others + log.Length));
        strings.Bytes.ShouldBe(strings.Held);
    }
}
