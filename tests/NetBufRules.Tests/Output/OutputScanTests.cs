using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using NetBufRules.Load;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Output;

/// <summary>
/// Scans what a person reads (text, verbose text, Markdown, HTML) of every recorded snapshot for the two faults of
/// issue 15: NCalc leaking into prose, and sentences or lines left ending in a colon (a list that rendered empty).
/// Fix file contents are left out: they are configuration, not sentences.
/// </summary>
public sealed partial class OutputScanTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var snapshot in Directory.GetFiles(Repo.Snapshots, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal))
        {
            foreach (var format in new[] { "text", "verbose", "markdown", "html" }) data.Add(snapshot, format);
        }
        return data;
    }

    /// <summary>Every condition of the pack, as written: none may appear in a report.</summary>
    private static readonly IReadOnlyList<string> Conditions = [.. PlaybookLoader.Load([Repo.Playbooks]).Playbooks
        .SelectMany(p => p.When.Concat(p.AdviseWhen)).Select(s => s.Condition.Text.Trim()).Where(c => c.Length > 6).Distinct(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task No_report_of_a_recorded_snapshot_shows_ncalc_or_a_dangling_colon(string snapshot, string format)
    {
        string[] args = format == "verbose" ? ["--verbose"] : ["--format", format];
        var (_, output, _) = await CliRunner.Run(["run", Repo.Playbooks, "--from", Path.Combine(Repo.Snapshots, snapshot + ".json"), .. args]);
        var prose = Prose(output, format);
        foreach (var condition in Conditions) prose.ShouldNotContain(condition, Case.Sensitive, $"{snapshot} ({format}) prints a condition");
        foreach (var line in prose.Split('\n'))
        {
            NcalcText().IsMatch(line).ShouldBeFalse($"{snapshot} ({format}) prints NCalc: {line}");
            DanglingColon().IsMatch(line).ShouldBeFalse($"{snapshot} ({format}) leaves a colon dangling: {line}");
        }
    }

    [Fact]
    public void The_scan_catches_what_issue_15_found()
    {
        NcalcText().IsMatch("no symptom: not rate(listen.overflows) > max_overflows_per_s").ShouldBeTrue();
        NcalcText().IsMatch("not count(near_limit) > 0 and file_nr.allocated > file_nr.max * max_system_ratio").ShouldBeTrue();
        NcalcText().IsMatch("sum(clsact.drops_rate) > max_filter_drops_per_s && rate(out.discards) > 0").ShouldBeTrue();
        NcalcText().IsMatch("The accept queue overflowed 40 times during sampling (41/s, threshold 1/s)").ShouldBeFalse();
        DanglingColon().IsMatch("  reason: sockets dropping now:.").ShouldBeTrue();
        DanglingColon().IsMatch("the OOM killer ran 1 times during sampling:").ShouldBeTrue();
        DanglingColon().IsMatch("full accept queues now: 127.0.0.1:9000 has 3 waiting").ShouldBeFalse();
    }

    /// <summary>The lines a person reads as prose: fix file contents and the page's markup left out.</summary>
    private static string Prose(string output, string format)
    {
        switch (format)
        {
            case "html":
                var document = new HtmlParser().ParseDocument(output);
                foreach (var node in document.QuerySelectorAll("pre, style").ToList()) node.Remove();
                return string.Join("\n", document.Body!.QuerySelectorAll("h1, h2, p, li, th, td, caption").Select(e => e.TextContent));
            case "markdown":
                var inFence = false;
                var lines = new List<string>();
                foreach (var line in output.Split('\n'))
                {
                    if (line.StartsWith("~~~", StringComparison.Ordinal)) inFence = !inFence;
                    else if (!inFence) lines.Add(line.Replace("\\", "", StringComparison.Ordinal));
                }
                return string.Join("\n", lines);
            default:
                return string.Join("\n", output.Split('\n').Where(l => !l.StartsWith("    | ", StringComparison.Ordinal)));
        }
    }

    /// <summary>
    /// An NCalc function applied to a name, a comparison between two names, the logical operators, or <c>not</c>
    /// before a name that is compared.
    /// </summary>
    [GeneratedRegex(@"\b(rate|delta|count|sum|maxof|minof|maxcount|among|fired)\([a-z_]|[a-z_][a-z0-9_.]*\)?\s*(>=|<=|==|!=|>|<)\s*[a-z_(]|&&|\|\||\bnot [a-z_]+[a-z0-9_.()]*\s*(>|<|=)|\)\s+and\s+[a-z_]+[a-z0-9_.]*\s*[<>]", RegexOptions.CultureInvariant)]
    private static partial Regex NcalcText();

    /// <summary>A line or a sentence that ends in a colon: <c>now:</c> at the end, <c>now:.</c>, <c>now:;</c>, <c>now: .</c>.</summary>
    [GeneratedRegex(@":\s*[.;,]?\s*$|:\s*[.;,](\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex DanglingColon();
}
