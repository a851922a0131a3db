using NetBufRules.Model;

namespace NetBufRules.Probe.Extract;

/// <summary>Turns raw probe output into a <see cref="ProbeValue"/> as its <see cref="ExtractSpec"/> says.</summary>
internal static class Extractor
{
    /// <summary>
    /// A read that came as a table (the process table) is the value itself, never text to parse; otherwise the output
    /// is extracted. Text for such a source comes only from old snapshots and playbook tests.
    /// </summary>
    public static ProbeValue Extract(ExtractSpec spec, RawOutput raw, ExtractionMemo? memo = null) => raw.Table ?? Extract(spec, raw.Stdout, memo);

    /// <summary>Extracts, or throws <see cref="ExtractException"/> saying what was missing; through <paramref name="memo"/> when given (a fleet replay).</summary>
    public static ProbeValue Extract(ExtractSpec spec, string output, ExtractionMemo? memo = null) =>
        memo is null ? ExtractChecked(spec, output) : memo.GetOrExtract(spec, output, ExtractChecked);

    private static ProbeValue ExtractChecked(ExtractSpec spec, string output)
    {
        try
        {
            return ExtractUnchecked(spec, output);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            // The limit is wall-clock: on a sick host (memory reclaim, a flood) one match can be descheduled past it.
            // Once more decides; a pattern that backtracks for real runs out of time again.
        }
        try
        {
            return ExtractUnchecked(spec, output);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException e)
        {
            throw new ExtractException(e.MatchTimeout == Primitives.Limits.RegexScanBudget
                ? $"regex /{spec.Path}/ {Primitives.Limits.RegexTimedOut} {Primitives.Limits.RegexScanBudget.TotalMilliseconds:0} ms for all its matches on {output.Length:N0} characters (a slow regex over many lines?)"
                : $"regex /{spec.Path}/ {Primitives.Limits.RegexTimedOut} {Primitives.Limits.RegexTimeout.TotalMilliseconds:0} ms on {output.Length:N0} characters (a backtracking regex?)", e);
        }
    }

    private static ProbeValue ExtractUnchecked(ExtractSpec spec, string output) => spec.Kind switch
    {
        ExtractKind.Text => TextExtractor.Extract(output),
        ExtractKind.Json => JsonExtractor.Extract(spec, output),
        ExtractKind.JsonRows => JsonExtractor.ExtractRows(spec, output),
        ExtractKind.Snmp => SnmpExtractor.Extract(spec, output),
        ExtractKind.Regex => RegexExtractor.Extract(spec, output),
        ExtractKind.Table => TableExtractor.Extract(spec, output),
        ExtractKind.Fields => FieldsExtractor.Extract(spec, output),
        ExtractKind.Lines => new ScalarValue((double)output.Split('\n').Count(l => l.Trim().Length > 0)),
        _ => throw new ExtractException($"unknown extractor {spec.Kind}"),
    };
}
