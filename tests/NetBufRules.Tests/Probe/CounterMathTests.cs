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
}
