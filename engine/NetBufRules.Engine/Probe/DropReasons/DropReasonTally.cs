using System.Globalization;
using System.Text;

namespace NetBufRules.Probe.DropReasons;

/// <summary>Counts drop reasons (and their dropping functions) line by line, up to a cap, and prints the probe's table.</summary>
internal sealed class DropReasonTally(long maxEvents = DropReasonTally.DefaultMaxEvents)
{
    /// <summary>Half a million events: two seconds at 250k drops/s, a few tens of MiB of text.</summary>
    public const long DefaultMaxEvents = 500_000;

    /// <summary>How many dropping functions a row names at most.</summary>
    private const int MaxLocations = 3;

    private readonly Dictionary<string, Entry> _reasons = new(StringComparer.Ordinal);

    private sealed class Entry
    {
        public long Count;
        public readonly Dictionary<string, long> Locations = new(StringComparer.Ordinal);
    }

    /// <summary>Events counted so far.</summary>
    public long Events { get; private set; }

    /// <summary>True once the cap was reached; later lines are not counted.</summary>
    public bool Full => Events >= maxEvents;

    /// <summary>Counts one trace_pipe line; false when it is not a kfree_skb line with a reason (or the tally is full).</summary>
    public bool Add(ReadOnlySpan<char> line)
    {
        if (Full || !DropReasonLine.TryParse(line, out var reason, out var location)) return false;
        var reasons = _reasons.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!reasons.TryGetValue(reason, out var entry)) reasons[reason] = entry = new Entry();
        entry.Count++;
        var locations = entry.Locations.GetAlternateLookup<ReadOnlySpan<char>>();
        locations[location] = locations.TryGetValue(location, out var n) ? n + 1 : 1;
        Events++;
        return true;
    }

    /// <summary>The table: a header, then one row per reason, most frequent first, with its rate over <paramref name="seconds"/>.</summary>
    public string Format(double seconds)
    {
        var text = new StringBuilder("reason\tcount\trate\tlocation\n");
        foreach (var (reason, entry) in _reasons.OrderByDescending(r => r.Value.Count).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            var rate = seconds > 0 ? entry.Count / seconds : 0;
            var locations = entry.Locations.Where(l => l.Key != "-").OrderByDescending(l => l.Value).ThenBy(l => l.Key, StringComparer.Ordinal)
                .Take(MaxLocations).Select(l => l.Key).ToList();
            text.Append(CultureInfo.InvariantCulture, $"{reason}\t{entry.Count}\t{rate:0.0}\t{(locations.Count == 0 ? "-" : string.Join(',', locations))}\n");
        }
        return text.ToString();
    }
}
