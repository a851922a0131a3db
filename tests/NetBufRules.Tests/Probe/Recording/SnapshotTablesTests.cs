using System.Text;
using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe.Recording;

/// <summary>
/// A fleet's process tables are shared by their bytes: a table written byte for byte as before is the very table read
/// then (and what the plain reader reads), any other is read; and a shared table's rows count against the snapshot's
/// row budget as reading them would.
/// </summary>
public sealed class SnapshotTablesTests
{
    /// <summary>The healthy recording with a process table of <paramref name="rows"/> rows (the last one's comm given) under each of <paramref name="scopes"/>.</summary>
    private static byte[] WithTables(int rows, string comm, params ProcessScope[] scopes)
    {
        var table = new TableValue(ProcessTable.Columns, [.. Enumerable.Range(2, rows).Select(pid => (IReadOnlyDictionary<string, object>)new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["pid"] = (double)pid, ["fds"] = 17.0, ["soft"] = 16.0, ["hard"] = 16.0, ["uid"] = 0.0, ["unit"] = "-", ["comm"] = pid == rows + 1 ? comm : "x",
        })]);
        var snapshot = Replay.Load("netns-healthy");
        var added = scopes.Select(scope => new ProcessesSource(scope)).Select(s => new SnapshotSource(s.Key, s.Describe(), [new RawOutput(snapshot.Host.Time, "", Table: table)]));
        // Its own (v1, text) process table left out: the keys added are the only ones.
        var others = snapshot.Sources.Where(s => !s.Key.StartsWith("processes", StringComparison.Ordinal));
        return Encoding.UTF8.GetBytes(SnapshotJson.Write(snapshot with { Sources = [.. others, .. added], Version = 2 }));
    }

    private static TableValue TableOf(Snapshot snapshot) => snapshot.Sources[^1].Samples[0].Table.ShouldNotBeNull();

    [Fact]
    public void A_table_read_once_is_given_again_and_is_what_the_plain_reader_reads()
    {
        var strings = new SnapshotStrings();
        var bytes = WithTables(300, "nginx", ProcessScope.Auto);
        var plain = SnapshotStream.TryRead(bytes).ShouldNotBeNull();
        var reads = Enumerable.Range(0, 3).Select(_ => SnapshotStream.TryRead(bytes, strings).ShouldNotBeNull()).ToList();
        foreach (var read in reads) SnapshotStreamTests.Same(read, plain).ShouldBeTrue();
        // Kept from the first read (the verdict memo holds the first host's table): every later read is given it.
        ReferenceEquals(TableOf(reads[1]), TableOf(reads[0])).ShouldBeTrue();
        ReferenceEquals(TableOf(reads[2]), TableOf(reads[0])).ShouldBeTrue();
        ReferenceEquals(TableOf(plain), TableOf(reads[0])).ShouldBeFalse();
        strings.Tables.Counts.Values.Sum(c => c.Hits).ShouldBe(2);
    }

    [Fact]
    public void A_table_one_cell_apart_is_read_not_shared()
    {
        var strings = new SnapshotStrings();
        var nginx = WithTables(300, "nginx", ProcessScope.Auto);
        for (var i = 0; i < 3; i++) SnapshotStream.TryRead(nginx, strings);
        var other = WithTables(300, "nginy", ProcessScope.Auto);
        var read = SnapshotStream.TryRead(other, strings).ShouldNotBeNull();
        SnapshotStreamTests.Same(read, SnapshotStream.TryRead(other).ShouldNotBeNull()).ShouldBeTrue();
        TableOf(read).Rows[^1]["comm"].ShouldBe("nginy");
    }

    [Fact]
    public void Shared_tables_count_against_the_snapshots_row_budget()
    {
        // Three tables of 40,000 rows: 120,000 in all, past the snapshot's 100,000. Read three times, the later reads are
        // given the first two tables shared, and must still count their rows and refuse the third at its place.
        var rows = SnapshotBudget.SnapshotRows * 2 / 5;
        var bytes = WithTables(rows, "x", ProcessScope.All, ProcessScope.Current, ProcessScope.Auto);
        var strings = new SnapshotStrings(tableBytes: long.MaxValue);
        var messages = Enumerable.Range(0, 3).Select(_ => Should.Throw<SnapshotLimitException>(() => SnapshotStream.TryRead(bytes, strings)).Message).ToList();
        messages.Distinct().Count().ShouldBe(1);
        messages[0].ShouldContain("rows");
        strings.Tables.Counts.Values.Sum(c => c.Hits).ShouldBe(4);
    }
}
