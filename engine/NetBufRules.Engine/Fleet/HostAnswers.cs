using System.IO.Hashing;
using System.Runtime.InteropServices;
using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;

namespace NetBufRules.Fleet;

/// <summary>
/// What one host's snapshot answers to a read (a source and a sample), each hashed once however many playbooks ask:
/// the questions and answers a <see cref="VerdictMemo"/> compares between hosts.
/// </summary>
internal sealed class HostAnswers(SnapshotSourceReader reader)
{
    private readonly Dictionary<(string Key, int Sample), Answer> _answers = [];

    /// <summary>What <paramref name="source"/> gave for <paramref name="sample"/> on this host.</summary>
    public Answer Get(SourceSpec source, int sample) => Get(new Read(source, source.Key, sample));

    /// <summary>What <paramref name="read"/> gave on this host.</summary>
    public Answer Get(Read read)
    {
        if (_answers.TryGetValue((read.Key, read.Sample), out var known)) return known;
        var raw = reader.Read(read.Source, read.Key, read.Sample);
        // A sample's time counts only as its distance from the same source's first sample (a counter's rate): hosts
        // sampled at other moments but over the same window answer alike.
        var offset = read.Sample == 0 ? 0 : (raw.Time - Get(read with { Sample = 0 }).Raw.Time).Ticks;
        return _answers[(read.Key, read.Sample)] = new Answer(raw, offset, Hash(raw, offset));
    }

    private static ulong Hash(RawOutput raw, long offset)
    {
        var small = new HashCode();
        small.Add(raw.ExitCode);
        small.Add(raw.Failure);
        small.Add(raw.FailureMessage, StringComparer.Ordinal);
        small.Add(raw.Truncated);
        small.Add(offset);
        small.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(raw.Stderr.AsSpan())));
        if (raw.Table is { } table)
        {
            small.Add(table.Columns.Count);
            small.Add(table.Rows.Count);
            foreach (var row in table.Rows)
                foreach (var column in table.Columns)
                    small.Add(row.GetValueOrDefault(column));
        }
        return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(raw.Stdout.AsSpan())) ^ ((ulong)(uint)small.ToHashCode() * 0x9E3779B97F4A7C15UL);
    }
}

/// <summary>One read a probe makes: a source (with its key, worked out once) and a sample.</summary>
internal readonly record struct Read(SourceSpec Source, string Key, int Sample);

/// <summary>One read's answer: the output, its time as a distance from the source's first sample, and their hash.</summary>
internal readonly record struct Answer(RawOutput Raw, long Offset, ulong Hash)
{
    /// <summary>Whether a replay could tell the two answers apart: every field but the time, and the time's distance.</summary>
    public bool Same(Answer other)
    {
        if (Hash != other.Hash || Offset != other.Offset) return false;
        if (ReferenceEquals(Raw, other.Raw)) return true;
        var (a, b) = (Raw, other.Raw);
        return a.ExitCode == b.ExitCode && a.Failure == b.Failure && a.Truncated == b.Truncated
            && string.Equals(a.FailureMessage, b.FailureMessage, StringComparison.Ordinal)
            && string.Equals(a.Stdout, b.Stdout, StringComparison.Ordinal)
            && string.Equals(a.Stderr, b.Stderr, StringComparison.Ordinal)
            && SameTable(a.Table, b.Table);
    }

    /// <summary>The characters this answer keeps alive when remembered (what a memo counts against its budget).</summary>
    public long Chars => Raw.Stdout.Length + Raw.Stderr.Length + (Raw.Table is { } t ? (long)t.Rows.Count * t.Columns.Count * 8 : 0);

    private static readonly IEqualityComparer<KeyValuePair<string, object>> Cells =
        EqualityComparer<KeyValuePair<string, object>>.Create((x, y) => string.Equals(x.Key, y.Key, StringComparison.Ordinal) && SameCell(x.Value, y.Value));

    /// <summary>
    /// Two cells that print alike: numbers bit for bit (-0 equals 0 as a double, but a report prints "-0"), anything
    /// else by value.
    /// </summary>
    private static bool SameCell(object? x, object? y) => x is double a && y is double b
        ? BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b)
        : Equals(x, y);

    private static bool SameTable(TableValue? a, TableValue? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || !a.Columns.SequenceEqual(b.Columns, StringComparer.Ordinal) || a.Rows.Count != b.Rows.Count) return false;
        for (var i = 0; i < a.Rows.Count; i++)
        {
            // In the same order too: a row's cells are enumerated (e.g. into evidence), not only looked up.
            var (x, y) = (a.Rows[i], b.Rows[i]);
            if (x.Count != y.Count || !x.SequenceEqual(y, Cells)) return false;
        }
        return true;
    }
}
