using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Probe.Extract;

namespace NetBufRules.Tests.Probe.Extract;

/// <summary>A fleet extracts each distinct output once per extractor: the same text gives the same answer, a different text its own.</summary>
public sealed class ExtractionMemoTests
{
    private static readonly ExtractSpec Oom = new(ExtractKind.Regex, Path: @"^oom_kill (?<value>\d+)");

    [Fact]
    public void Equal_text_is_extracted_once_and_gives_the_same_value()
    {
        var memo = new ExtractionMemo();
        var calls = 0;
        ProbeValue Counting(ExtractSpec s, string t)
        {
            calls++;
            return Extractor.Extract(s, t);
        }
        var first = memo.GetOrExtract(Oom, "pgfault 1\noom_kill 3\n", Counting);
        // A different string object with the same characters: a host that printed the same.
        var second = memo.GetOrExtract(Oom, string.Concat("pgfault 1\n", "oom_kill 3\n"), Counting);
        calls.ShouldBe(1);
        second.ShouldBe(first);
        ((ScalarValue)second).Value.ShouldBe(3.0);
    }

    [Fact]
    public void A_different_text_or_extractor_is_extracted_on_its_own()
    {
        var memo = new ExtractionMemo();
        ((ScalarValue)Extractor.Extract(Oom, "oom_kill 3\n", memo)).Value.ShouldBe(3.0);
        ((ScalarValue)Extractor.Extract(Oom, "oom_kill 4\n", memo)).Value.ShouldBe(4.0);
        ((ScalarValue)Extractor.Extract(ExtractSpec.Text, "oom_kill 3\n", memo)).Value.ShouldBe("oom_kill 3");
    }

    [Fact]
    public void Nothing_matched_is_remembered_with_the_same_message()
    {
        var memo = new ExtractionMemo();
        var fresh = Should.Throw<ExtractException>(() => Extractor.Extract(Oom, "pgfault 1\n"));
        Should.Throw<ExtractException>(() => Extractor.Extract(Oom, "pgfault 1\n", memo)).Message.ShouldBe(fresh.Message);
        Should.Throw<ExtractException>(() => Extractor.Extract(Oom, "pgfault 1\n", memo)).Message.ShouldBe(fresh.Message);
    }

    [Fact]
    public void A_regex_that_ran_out_of_time_is_tried_again_next_time()
    {
        var memo = new ExtractionMemo();
        var calls = 0;
        ProbeValue TimesOut(ExtractSpec s, string t)
        {
            calls++;
            throw new ExtractException("ran too long", new System.Text.RegularExpressions.RegexMatchTimeoutException());
        }
        Should.Throw<ExtractException>(() => memo.GetOrExtract(Oom, "x", TimesOut));
        Should.Throw<ExtractException>(() => memo.GetOrExtract(Oom, "x", TimesOut));
        calls.ShouldBe(2);
    }

    [Fact]
    public void A_long_output_such_as_a_kernel_log_is_extracted_once_per_host_and_never_kept()
    {
        var memo = new ExtractionMemo();
        var calls = 0;
        var log = new string('x', ExtractionMemo.MaxTextChars + 1);
        ProbeValue Extract(string text) => memo.GetOrExtract(ExtractSpec.Text, text, (s, t) => { calls++; return Extractor.Extract(s, t); });
        // The host's own log, read by several probes: one extraction.
        Extract(log);
        Extract(log);
        calls.ShouldBe(1);
        // Another host's log, equal or not, is its own: extracted afresh, never compared with the first.
        Extract(new string(log.AsSpan()));
        calls.ShouldBe(2);
        memo.RememberedBytes.ShouldBe(0);
    }

    [Fact]
    public void A_long_output_is_let_go_with_its_host()
    {
        var memo = new ExtractionMemo();
        var log = Remembered(memo);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        log.IsAlive.ShouldBeFalse();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference Remembered(ExtractionMemo memo)
    {
        var log = new string('y', ExtractionMemo.MaxTextChars + 1);
        memo.GetOrExtract(ExtractSpec.Text, log, (s, t) => Extractor.Extract(s, t));
        return new WeakReference(log);
    }

    [Fact]
    public void Memory_stays_bounded_however_many_distinct_outputs_a_fleet_has()
    {
        var memo = new ExtractionMemo();
        var big = new string('x', ExtractionMemo.MaxTextChars - 8);
        for (var i = 0; i < ExtractionMemo.MaxBytes / ExtractionMemo.MaxTextChars; i++) memo.GetOrExtract(ExtractSpec.Text, big + i, (s, t) => Extractor.Extract(s, t));
        memo.RememberedBytes.ShouldBeLessThanOrEqualTo(ExtractionMemo.MaxBytes);
    }

    [Fact]
    public void What_is_remembered_is_weighed_by_the_values_too_not_only_the_texts()
    {
        // Short outputs that each give a large table (a socket list): the tables, not the texts, fill the memory.
        // (About 200 KB each: 16 MB hold about 80.)
        var memo = new ExtractionMemo();
        var calls = 0;
        ProbeValue Extract(string text) => memo.GetOrExtract(ExtractSpec.Text, text, (_, _) =>
        {
            calls++;
            return new TableValue(["a", "b"], [.. Enumerable.Range(0, 1000).Select(i => (IReadOnlyDictionary<string, object>)new Dictionary<string, object> { ["a"] = (double)i, ["b"] = "x" })]);
        });
        for (var i = 0; i < 200; i++) Extract($"t{i}");
        Extract("t0");
        calls.ShouldBe(201); // the first table was let go to make room
        memo.RememberedBytes.ShouldBeLessThanOrEqualTo(ExtractionMemo.MaxBytes);
    }

    [Fact]
    public void Resting_a_host_own_output_read_by_several_probes_is_still_extracted_once()
    {
        // A fleet whose hosts share no output: the memo fills with texts that are never asked for again and rests.
        var memo = new ExtractionMemo();
        var big = new string('x', ExtractionMemo.MaxTextChars - 8);
        for (var i = 0; i <= ExtractionMemo.MaxBytes / ExtractionMemo.MaxTextChars; i++) memo.GetOrExtract(ExtractSpec.Text, big + i, (s, t) => Extractor.Extract(s, t));
        var kept = memo.RememberedBytes;
        var calls = 0;
        ProbeValue Extract(string text) => memo.GetOrExtract(Oom, text, (s, t) => { calls++; return Extractor.Extract(s, t); });
        // One host's process table, read by seven probes: one extraction, the same value.
        var table = string.Concat("oom_kill ", "7\n");
        var first = Extract(table);
        Extract(table).ShouldBeSameAs(first);
        calls.ShouldBe(1);
        // The next host printed the same: resting, it is not compared with the first host's, so it is extracted afresh.
        ((ScalarValue)Extract(string.Concat("oom_kill ", "7\n"))).Value.ShouldBe(7.0);
        calls.ShouldBe(2);
        memo.RememberedBytes.ShouldBe(kept);
    }
}
