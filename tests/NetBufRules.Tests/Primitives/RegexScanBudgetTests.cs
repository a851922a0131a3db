using System.Diagnostics;
using NetBufRules.Model;
using NetBufRules.Primitives;
using NetBufRules.Probe.Extract;

namespace NetBufRules.Tests.Primitives;

/// <summary>
/// All the matches of one regex over one output share one time budget: each match has its own limit, so a pattern a
/// few milliseconds a line over thousands of lines held its probe and the run for minutes (red team round 8: 69 s
/// for one probe of /proc/self/smaps, and near 200 ms a line it would have been most of an hour).
/// </summary>
public sealed class RegexScanBudgetTests
{
    // Every line matches; the lookahead scans on to the end of the output before giving up on ZZZ, so each match costs
    // time in proportion to what is left (well under the per-match limit), and all of them together far more than the budget.
    private const string Slow = @"(?m)^(?<x>[^\n]{1,3})(?=(?:[\s\S]{0,3000}){0,40}ZZZ|)";

    private static readonly string Output = string.Concat(Enumerable.Range(0, 6000).Select(i => $"line {i} of a long output\n"));

    [Fact]
    public void A_regex_slow_over_many_lines_fails_its_extraction_within_its_budget_not_minutes()
    {
        var started = Stopwatch.StartNew();
        var failed = Should.Throw<ExtractException>(() => Extractor.Extract(new ExtractSpec(ExtractKind.Regex, Slow, All: true), Output));
        started.Stop();
        // Stopped by the budget for all its matches, or (on a loaded machine, once in CI) by the limit of one match first:
        // either way within its limits, not minutes.
        failed.Message.ShouldMatch($@"{System.Text.RegularExpressions.Regex.Escape(Limits.RegexTimedOut)} ({Limits.RegexScanBudget.TotalMilliseconds:0} ms for all its matches|{Limits.RegexTimeout.TotalMilliseconds:0} ms on )");
        // Tried twice (a descheduled match gets a second chance), each within the budget and one more match.
        started.Elapsed.ShouldBeLessThan(Limits.RegexScanBudget * 2 + TimeSpan.FromSeconds(6));
    }

    [Fact]
    public void A_fast_regex_over_the_same_output_reads_every_line()
    {
        var value = Extractor.Extract(new ExtractSpec(ExtractKind.Regex, @"^line (?<n>\d+) of", All: true), Output);
        value.ShouldBeOfType<NetBufRules.Probe.TableValue>().Rows.Count.ShouldBe(6000);
    }
}
