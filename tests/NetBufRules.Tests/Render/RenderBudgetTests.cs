using NetBufRules.Primitives;
using NetBufRules.Render;
using Scriban;
using Scriban.Runtime;

namespace NetBufRules.Tests.Render;

/// <summary>
/// A render's time limit is its own thread's CPU time: `netbufrules explain` failed its dry render (NBR023, "ran longer
/// than 1 s") on a loaded 2-core machine, where the thread waited for a processor while a wall-clock second passed. A
/// thread kept off the processor is what a busy machine does to it; a guard that sleeps does the same, for certain.
/// </summary>
public sealed class RenderBudgetTests
{
    [Fact]
    public void This_machine_has_a_thread_cpu_clock_and_it_counts_work_not_waiting()
    {
        var clock = ThreadCpuClock.OfCurrentThread().ShouldNotBeNull();
        var before = clock.Now().ShouldNotBeNull();
        Thread.Sleep(300);
        (clock.Now().ShouldNotBeNull() - before).ShouldBeLessThan(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void A_render_kept_off_the_processor_past_the_limit_still_renders()
    {
        // Two interpolations, each held 700 ms by the guard: 1.4 s on the clock, a few milliseconds of CPU time.
        var output = TemplateSandbox.Render(Template.Parse("{{ 1 }}-{{ 2 }}"), new ScriptObject(), _ =>
        {
            Thread.Sleep(700);
            return null;
        });
        output.ShouldBe("1-2");
    }

    [Fact]
    public void Waiting_does_not_use_the_budget_but_work_does()
    {
        using var budget = new RenderBudget(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(20), ThreadCpuClock.OfCurrentThread());
        budget.Token.WaitHandle.WaitOne(400).ShouldBeFalse();
        var spun = System.Diagnostics.Stopwatch.StartNew();
        while (!budget.Token.IsCancellationRequested && spun.Elapsed < TimeSpan.FromSeconds(15)) Spin();
        budget.Token.IsCancellationRequested.ShouldBeTrue();
        budget.Exceeded.ShouldBe("ran longer than 100 ms (CPU time of its own, however busy the machine)");
    }

    [Fact]
    public void A_thread_starved_past_the_wall_limit_is_stopped_saying_so()
    {
        using var budget = new RenderBudget(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(300), ThreadCpuClock.OfCurrentThread());
        budget.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)).ShouldBeTrue();
        budget.Exceeded.ShouldStartWith("ran longer than 300 ms on the clock and was given only ");
        budget.Exceeded.ShouldEndWith(" ms of CPU time in it (a machine too busy to render)");
    }

    [Fact]
    public void Without_a_thread_clock_the_limit_is_the_clock_as_before()
    {
        using var budget = new RenderBudget(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20), clock: null);
        budget.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)).ShouldBeTrue();
        budget.Exceeded.ShouldBe("ran longer than 200 ms");
    }

    [Fact]
    public void A_finished_render_is_never_cancelled_afterwards()
    {
        var budget = new RenderBudget(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), ThreadCpuClock.OfCurrentThread());
        var token = budget.Token;
        budget.Dispose();
        Thread.Sleep(200);
        token.IsCancellationRequested.ShouldBeFalse();
    }

    private static void Spin()
    {
        var x = 0UL;
        for (var i = 0; i < 100_000; i++) x = x * 31 + (ulong)i;
        GC.KeepAlive(x);
    }
}
