using NetBufRules.Probe;

namespace NetBufRules.Tests.Probe;

public sealed class CounterMathTests
{
    [Fact]
    public void A_counter_gives_delta_and_rate_per_second()
    {
        var value = CounterMath.Combine(new ScalarValue(1000.0), new ScalarValue(1500.0), 2, []).ShouldBeOfType<ScalarValue>();
        value.Value.ShouldBe(1500.0);
        value.Delta.ShouldBe(500);
        value.Rate.ShouldBe(250);
    }

    [Fact]
    public void A_counter_that_went_down_was_reset_so_the_delta_is_the_new_value()
    {
        CounterMath.Combine(new ScalarValue(4294967290.0), new ScalarValue(5.0), 1, []).ShouldBeOfType<ScalarValue>().Delta.ShouldBe(5);
    }

    [Fact]
    public void A_gauge_column_is_a_level_read_at_the_end_with_no_change_and_no_rate()
    {
        // A queue that drained from 900 to 100 packets: as a counter it would read as a reset with "+100 (100/s)".
        IReadOnlyDictionary<string, object> Row(string dev, double drops, double qlen) =>
            new Dictionary<string, object> { ["dev"] = dev, ["drops"] = drops, ["qlen"] = qlen };
        var first = new TableValue(["dev", "drops", "qlen"], [Row("va", 10, 900)]);
        var second = new TableValue(["dev", "drops", "qlen"], [Row("va", 110, 100)]);
        var table = CounterMath.Combine(first, second, 1, ["dev"], ["qlen"]).ShouldBeOfType<TableValue>();
        table.Columns.ShouldBe(["dev", "drops", "qlen", "drops_delta", "drops_rate"]);
        table.Rows[0]["qlen"].ShouldBe(100.0);
        table.Rows[0].ContainsKey("qlen_delta").ShouldBeFalse();
        table.Rows[0].ContainsKey("qlen_rate").ShouldBeFalse();
        table.Rows[0]["drops_delta"].ShouldBe(100.0);
        // Without 'gauges' the same level is counted as a counter that was reset.
        CounterMath.Combine(first, second, 1, ["dev"]).ShouldBeOfType<TableValue>().Rows[0]["qlen_delta"].ShouldBe(100.0);
    }

    [Fact]
    public void A_gauge_field_of_a_record_is_the_last_sample_alone()
    {
        var first = new RecordValue(new Dictionary<string, ScalarValue>(StringComparer.Ordinal) { ["drops"] = new(5.0), ["entries"] = new(4000.0) });
        var second = new RecordValue(new Dictionary<string, ScalarValue>(StringComparer.Ordinal) { ["drops"] = new(7.0), ["entries"] = new(300.0) });
        var record = CounterMath.Combine(first, second, 2, [], ["entries"]).ShouldBeOfType<RecordValue>();
        record.Fields["entries"].Value.ShouldBe(300.0);
        record.Fields["entries"].Delta.ShouldBeNull();
        record.Fields["drops"].Delta.ShouldBe(2);
    }

    [Fact]
    public void Counter_tables_join_rows_by_their_key_not_their_order()
    {
        IReadOnlyDictionary<string, object> Row(string dev, string handle, double drops) =>
            new Dictionary<string, object> { ["dev"] = dev, ["handle"] = handle, ["drops"] = drops };
        var first = new TableValue(["dev", "handle", "drops"], [Row("va", "8001:", 10), Row("eth0", "0:", 0)]);
        var second = new TableValue(["dev", "handle", "drops"], [Row("eth0", "0:", 0), Row("va", "8001:", 2010)]);
        var table = CounterMath.Combine(first, second, 2, ["dev", "handle"]).ShouldBeOfType<TableValue>();
        table.Rows[1]["drops_delta"].ShouldBe(2000.0);
        table.Rows[1]["drops_rate"].ShouldBe(1000.0);
        table.Rows[0]["drops_delta"].ShouldBe(0.0);
    }

    [Fact]
    public void Rows_that_share_a_key_are_not_paired_with_each_other_so_they_show_no_change()
    {
        // Two SO_REUSEPORT sockets on one address: a key of the address alone would diff the quiet one against the
        // one that dropped before sampling and report its 5517 old drops (and its buffer size) as a change.
        IReadOnlyDictionary<string, object> Row(string local, double rcvbuf, double drops) =>
            new Dictionary<string, object> { ["local"] = local, ["rcvbuf"] = rcvbuf, ["drops"] = drops };
        var first = new TableValue(["local", "rcvbuf", "drops"], [Row("127.0.0.1:9000", 212992, 0), Row("127.0.0.1:9000", 8192, 5517), Row("127.0.0.1:53", 212992, 7)]);
        var second = new TableValue(["local", "rcvbuf", "drops"], [Row("127.0.0.1:9000", 212992, 0), Row("127.0.0.1:9000", 8192, 5517), Row("127.0.0.1:53", 212992, 9)]);
        var table = CounterMath.Combine(first, second, 2, ["local"]).ShouldBeOfType<TableValue>();
        table.Rows[1]["drops_delta"].ShouldBe(0.0);
        table.Rows[1]["rcvbuf_delta"].ShouldBe(0.0);
        table.Rows[0]["drops_rate"].ShouldBe(0.0);
        table.Rows[2]["drops_delta"].ShouldBe(2.0);
    }

    [Fact]
    public void A_key_repeated_only_in_the_second_sample_is_not_paired_either()
    {
        IReadOnlyDictionary<string, object> Row(string local, double drops) =>
            new Dictionary<string, object> { ["local"] = local, ["drops"] = drops };
        var first = new TableValue(["local", "drops"], [Row("127.0.0.1:9000", 100)]);
        var second = new TableValue(["local", "drops"], [Row("127.0.0.1:9000", 0), Row("127.0.0.1:9000", 150)]);
        var table = CounterMath.Combine(first, second, 1, ["local"]).ShouldBeOfType<TableValue>();
        table.Rows.Select(r => r["drops_delta"]).ShouldBe([0.0, 0.0]);
    }

    [Fact]
    public void Rows_with_a_unique_key_still_pair_when_they_share_part_of_it()
    {
        IReadOnlyDictionary<string, object> Row(string local, string fd, double drops) =>
            new Dictionary<string, object> { ["local"] = local, ["fd"] = fd, ["drops"] = drops };
        var first = new TableValue(["local", "fd", "drops"], [Row("127.0.0.1:9000", "4", 0), Row("127.0.0.1:9000", "3", 5517)]);
        var second = new TableValue(["local", "fd", "drops"], [Row("127.0.0.1:9000", "3", 5617), Row("127.0.0.1:9000", "4", 0)]);
        var table = CounterMath.Combine(first, second, 1, ["local", "fd"]).ShouldBeOfType<TableValue>();
        table.Rows[0]["drops_delta"].ShouldBe(100.0);
        table.Rows[1]["drops_delta"].ShouldBe(0.0);
    }

    [Fact]
    public void A_keyed_row_new_in_the_second_sample_was_made_during_the_window_so_it_counts_from_zero()
    {
        // A link recreated mid-window: tc gives its new tbf a new handle, and every drop of that tbf is the window's.
        IReadOnlyDictionary<string, object> Row(string handle, double drops) =>
            new Dictionary<string, object> { ["dev"] = "va", ["handle"] = handle, ["drops"] = drops };
        var first = new TableValue(["dev", "handle", "drops"], [Row("814f:", 46408)]);
        var second = new TableValue(["dev", "handle", "drops"], [Row("8150:", 41000)]);
        var table = CounterMath.Combine(first, second, 2, ["dev", "handle"]).ShouldBeOfType<TableValue>();
        table.Rows.ShouldHaveSingleItem()["drops_delta"].ShouldBe(41000.0);
        table.Rows[0]["drops_rate"].ShouldBe(20500.0);
    }

    [Fact]
    public void A_row_new_only_by_position_has_no_measured_change()
    {
        // Without a key rows pair by position: a row past the first sample's end is no object known to be new.
        IReadOnlyDictionary<string, object> Row(double dropped) => new Dictionary<string, object> { ["dropped"] = dropped };
        var first = new TableValue(["dropped"], [Row(5)]);
        var second = new TableValue(["dropped"], [Row(7), Row(900)]);
        var table = CounterMath.Combine(first, second, 1, []).ShouldBeOfType<TableValue>();
        table.Rows.Select(r => r["dropped_delta"]).ShouldBe([2.0, 0.0]);
    }

    [Fact]
    public void A_new_row_whose_key_another_new_row_shares_is_not_counted_from_zero()
    {
        IReadOnlyDictionary<string, object> Row(double drops) =>
            new Dictionary<string, object> { ["local"] = "127.0.0.1:9000", ["drops"] = drops };
        var first = new TableValue(["local", "drops"], []);
        var second = new TableValue(["local", "drops"], [Row(40), Row(5517)]);
        var table = CounterMath.Combine(first, second, 1, ["local"]).ShouldBeOfType<TableValue>();
        table.Rows.Select(r => r["drops_delta"]).ShouldBe([0.0, 0.0]);
    }
}
