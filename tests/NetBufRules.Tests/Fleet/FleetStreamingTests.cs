using System.Text;
using NetBufRules.Evaluate;
using NetBufRules.Fleet;
using NetBufRules.Model;

namespace NetBufRules.Tests.Fleet;

/// <summary>
/// A fleet's JSON and --only-fired text grow with the hosts (33 MB for 10,000): they are written in pieces as they
/// are made, each piece far smaller than the whole, and the pieces are exactly the report written at once.
/// </summary>
public sealed class FleetStreamingTests
{
    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    public void A_large_fleet_report_is_written_in_small_pieces_that_make_the_whole(string format)
    {
        using var texts = new VerdictTexts();
        var reason = string.Join("; ", Enumerable.Range(0, 40).Select(i => $"pid {i} (worker-{i}, Out of memory, {i * 7} s ago)"));
        var hosts = Enumerable.Range(0, 3000).Select(i => new HostVerdict($"host-{i:00000}", $"h{i}", "6.1.0",
        [
            new PlaybookVerdict("memory-pressure", FindingStatus.Fired, Severity.Critical, texts.Add($"{reason} on host {i}"), ["oom_recent"], 0, ["/etc/systemd/system/x.service.d/memory.conf"]),
            new PlaybookVerdict("tcp-backlog", i % 3 == 0 ? FindingStatus.Fired : FindingStatus.Ok, Severity.Warning, StoredText.Of(i % 3 == 0 ? "backlog full" : ""), [], 12.5, []),
        ])).ToList();
        var fleet = new FleetSummary(hosts);
        var pieces = new PieceWriter();
        string whole;
        if (format == "json")
        {
            FleetJsonWriter.Write(fleet, onlyFired: false, pieces);
            whole = FleetJsonWriter.Write(fleet, onlyFired: false);
        }
        else
        {
            FleetTextWriter.Write(fleet, onlyFired: true, pieces);
            whole = FleetTextWriter.Write(fleet, onlyFired: true);
        }
        pieces.Text.ShouldBe(whole);
        whole.Length.ShouldBeGreaterThan(5_000_000);
        pieces.Largest.ShouldBeLessThan(200_000);
    }

    /// <summary>Records what is written, and the largest single write.</summary>
    private sealed class PieceWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public int Largest { get; private set; }

        public string Text => _text.ToString();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            Largest = Math.Max(Largest, value?.Length ?? 0);
            _text.Append(value);
        }
    }
}
