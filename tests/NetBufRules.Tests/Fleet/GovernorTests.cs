using NetBufRules.Fleet;

namespace NetBufRules.Tests.Fleet;

/// <summary>The fleet replay's memory governor collects only past its mark, and then sets the mark from what is alive.</summary>
public sealed class GovernorTests
{
    [Fact]
    public void Below_its_mark_it_does_nothing()
    {
        var governor = new Governor(target: long.MaxValue);
        var before = GC.CollectionCount(2);
        governor.Check();
        governor.Collections.ShouldBe(0);
        governor.Mark.ShouldBe(long.MaxValue);
        // (Another test may collect meanwhile; this one ran none of its own.)
        GC.CollectionCount(2).ShouldBeGreaterThanOrEqualTo(before);
    }

    [Fact]
    public void Past_its_mark_it_collects_once_and_sets_the_mark_from_what_is_alive()
    {
        var governor = new Governor(target: 1);
        var before = GC.CollectionCount(2);
        governor.Check();
        governor.Collections.ShouldBe(1);
        GC.CollectionCount(2).ShouldBeGreaterThan(before);
        // Twice the live data and room for the rest: a large live set is not collected over and over.
        governor.Mark.ShouldBeGreaterThanOrEqualTo(Governor.Room);
    }
}
