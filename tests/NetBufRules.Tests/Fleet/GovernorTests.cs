using NetBufRules.Fleet;

namespace NetBufRules.Tests.Fleet;

/// <summary>
/// The fleet replay's memory governor collects young garbage every budget allocated, and all of it only past its mark,
/// which it then sets from what is alive and from the working set the collection left.
/// </summary>
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

    [Fact]
    public void Past_its_young_budget_it_runs_a_young_collection_not_a_full_one()
    {
        var governor = new Governor(target: long.MaxValue, youngBudget: 1);
        var before = GC.CollectionCount(0);
        // The runtime counts allocations by the block (about 8 KB), not the object: a megabyte is surely counted.
        for (var i = 0; i < 64; i++) GC.KeepAlive(new byte[16 * 1024]);
        governor.Check();
        governor.YoungCollections.ShouldBe(1);
        governor.Collections.ShouldBe(0);
        GC.CollectionCount(0).ShouldBeGreaterThan(before);
    }

    [Fact]
    public void A_working_set_a_full_collection_cannot_shrink_is_not_collected_again_at_the_next_look()
    {
        // Target 1 byte: every working set is past it. The first look collects; the mark then sits above the working
        // set that collection left, so the next look (16 checks later) does not collect again.
        var governor = new Governor(target: 1, youngBudget: long.MaxValue);
        governor.Check();
        governor.Collections.ShouldBe(1);
        governor.Mark.ShouldBeGreaterThan(Governor.Slack);
        for (var i = 0; i < 16; i++) governor.Check();
        governor.Collections.ShouldBe(1);
    }
}
