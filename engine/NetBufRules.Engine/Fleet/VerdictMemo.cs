using System.Collections.Concurrent;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Probe;

namespace NetBufRules.Fleet;

/// <summary>
/// A playbook's verdicts remembered across the hosts of one fleet replay, with the questions each evaluation asked:
/// the reads of its probes (source, sample) and the other findings' verdicts it read. A playbook's evaluation is a
/// function of those answers alone (its params, the policy and the playbook are the replay's), so a host whose
/// snapshot and board give the same answers to the same questions gets the same verdict without running it again.
/// Hosts built from one image print the same sysctl, ulimit and limits outputs; only what differs is evaluated.
/// </summary>
/// <remarks>
/// Exact, not approximate: a hit compares every answer in full (outputs, exit codes, failures, a counter's window),
/// never a hash alone. A verdict is kept once its answers have been seen twice (before that, only their hash).
/// Bounded: per playbook at most <see cref="MaxShapes"/> sets of questions,
/// <see cref="MaxEntries"/> verdicts and <see cref="MaxSlotChars"/> characters of the outputs they were given, and at
/// most <see cref="MaxChars"/> distinct characters kept alive in all. A playbook whose lookups mostly miss (what it
/// reads differs on every host) rests: it stops remembering, and is simply evaluated on each host.
/// </remarks>
internal sealed class VerdictMemo
{
    public const int MaxShapes = 8;
    public const int MaxEntries = 256;
    public const long MaxSlotChars = 2 * 1024 * 1024;
    public const long MaxChars = 4 * 1024 * 1024;

    /// <summary>A playbook rests once it has been looked up this many times and fewer than a quarter of them were hits.</summary>
    public const int RestAfter = Primitives.KeepRule.RestAfter;

    private readonly ConcurrentDictionary<Playbook, Slot> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<RawOutput, int> _kept = new(ReferenceEqualityComparer.Instance);
    private long _chars;

    /// <summary>A remembered result: the fleet's verdict and what later findings on the host read of it.</summary>
    public sealed record Known(PlaybookVerdict Verdict, FindingVerdict Board);

    /// <summary>Per playbook id: lookups, hits, and whether it rests (for the benchmark and the tests).</summary>
    public IReadOnlyDictionary<string, (long Lookups, long Hits, bool Resting)> Counts =>
        _slots.ToDictionary(s => s.Key.Id, s => (s.Value.Rule.Lookups, s.Value.Rule.Hits, s.Value.Rule.Resting), StringComparer.Ordinal);

    /// <summary>The verdict of <paramref name="playbook"/> on a host answering as <paramref name="host"/> and <paramref name="board"/> do, when remembered.</summary>
    public Known? Find(Playbook playbook, HostAnswers host, FindingBoard board)
    {
        var slot = _slots.GetOrAdd(playbook, _ => new Slot());
        foreach (var shape in Volatile.Read(ref slot.Shapes))
        {
            var answers = new Answer[shape.Reads.Length];
            for (var i = 0; i < answers.Length; i++) answers[i] = host.Get(shape.Reads[i]);
            var verdicts = Array.ConvertAll(shape.Findings, board.Get);
            if (shape.Entries.TryGetValue(Key(answers, verdicts), out var entry) && entry.Matches(answers, verdicts))
            {
                slot.Rule.Looked(hit: true);
                return entry.Value;
            }
        }
        slot.Rule.Looked(hit: false);
        return null;
    }

    /// <summary>
    /// Remembers <paramref name="value"/>, the verdict of an evaluation that made <paramref name="reads"/> and read the
    /// findings <paramref name="findings"/>; <paramref name="host"/> and <paramref name="board"/> must still answer as
    /// they did for it (call before the verdict itself is added to the board).
    /// </summary>
    public void Remember(Playbook playbook, IEnumerable<Read> reads, IEnumerable<string> findings, HostAnswers host, FindingBoard board, Known value)
    {
        var slot = _slots.GetOrAdd(playbook, _ => new Slot());
        if (slot.Rule.Resting) return;
        // One order for the same questions, however they were asked.
        var asked = reads.DistinctBy(r => (r.Key, r.Sample)).OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Sample).ToArray();
        var read = findings.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var answers = Array.ConvertAll(asked, host.Get);
        var verdicts = Array.ConvertAll(read, board.Get);
        var chars = answers.Sum(a => a.Chars);
        lock (slot)
        {
            if (slot.Rule.RestNow())
            {
                // What it kept seldom served: let it go (a fleet whose hosts share nothing keeps nothing).
                var shapes = slot.Shapes;
                Volatile.Write(ref slot.Shapes, []);
                Release(shapes.SelectMany(s => s.Entries.Values).SelectMany(e => e.Answers));
            }
            if (slot.Rule.Resting || slot.Entries >= MaxEntries || slot.Chars + chars > MaxSlotChars) return;
            var shape = slot.Shapes.FirstOrDefault(s => s.Asks(asked, read));
            if (shape is null && slot.Shapes.Length >= MaxShapes) return;
            var key = Key(answers, verdicts);
            if (shape is not null && shape.Entries.ContainsKey(key)) return;
            // Kept only when seen a second time: answers no other host gives cost a hash, not their outputs kept alive.
            if (!slot.Rule.SeenBefore(key)) return;
            lock (_kept)
            {
                // What stays alive is each distinct output once, however many playbooks remember it.
                var added = answers.Where(a => !_kept.ContainsKey(a.Raw)).DistinctBy(a => a.Raw, ReferenceEqualityComparer.Instance).Sum(a => a.Chars);
                if (_chars + added > MaxChars) return;
                _chars += added;
                foreach (var a in answers) _kept[a.Raw] = _kept.GetValueOrDefault(a.Raw) + 1;
            }
            if (shape is null)
            {
                shape = new Shape(asked, read);
                Volatile.Write(ref slot.Shapes, [.. slot.Shapes, shape]);
            }
            shape.Entries[key] = new Entry(answers, verdicts, value);
            slot.Entries++;
            slot.Chars += chars;
        }
    }

    /// <summary>The characters kept alive for remembered verdicts (each distinct output counted once).</summary>
    public long Chars
    {
        get
        {
            lock (_kept) return _chars;
        }
    }

    private void Release(IEnumerable<Answer> answers)
    {
        lock (_kept)
        {
            foreach (var a in answers)
            {
                if (!_kept.TryGetValue(a.Raw, out var count)) continue;
                if (count > 1)
                {
                    _kept[a.Raw] = count - 1;
                }
                else
                {
                    _kept.Remove(a.Raw);
                    _chars -= a.Chars;
                }
            }
        }
    }

    private static ulong Key(Answer[] answers, FindingVerdict?[] verdicts)
    {
        var key = 0xCBF29CE484222325UL;
        foreach (var a in answers) key = (key ^ a.Hash) * 0x100000001B3UL;
        foreach (var v in verdicts) key = (key ^ (ulong)(uint)(v?.GetHashCode() ?? 0)) * 0x100000001B3UL;
        return key;
    }

    private sealed class Slot
    {
        public Shape[] Shapes = [];
        public readonly Primitives.KeepRule Rule = new();
        public int Entries;
        public long Chars;
    }

    /// <summary>One set of questions (the reads and the findings an evaluation asked for) and the answers seen to it.</summary>
    private sealed class Shape(Read[] reads, string[] findings)
    {
        public Read[] Reads { get; } = reads;
        public string[] Findings { get; } = findings;
        public ConcurrentDictionary<ulong, Entry> Entries { get; } = new();

        public bool Asks(Read[] reads, string[] findings) =>
            reads.Length == Reads.Length && findings.SequenceEqual(Findings, StringComparer.Ordinal)
            && reads.Zip(Reads).All(p => p.First.Sample == p.Second.Sample && string.Equals(p.First.Key, p.Second.Key, StringComparison.Ordinal));
    }

    private sealed record Entry(Answer[] Answers, FindingVerdict?[] Verdicts, Known Value)
    {
        public bool Matches(Answer[] answers, FindingVerdict?[] verdicts)
        {
            for (var i = 0; i < answers.Length; i++)
                if (!Answers[i].Same(answers[i])) return false;
            for (var i = 0; i < verdicts.Length; i++)
                if (!Equals(Verdicts[i], verdicts[i])) return false;
            return true;
        }
    }
}
