using CsCheck;
using NetBufRules.Evaluate;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Render;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Hostile;

/// <summary>
/// The shared ground of the fuzzers: a time budget (NETBUFRULES_FUZZ_SECONDS per fuzzer, default 6), a seed to replay
/// (NETBUFRULES_FUZZ_SEED, printed by CsCheck on a failure), text mutations, and the property every target shares:
/// a result or diagnostics, never an unhandled exception and never an "internal error" (a contained bug is still a bug).
/// </summary>
internal static class RobustnessFuzzing
{
    /// <summary>Seconds each fuzzer runs.</summary>
    public static int Seconds { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("NETBUFRULES_FUZZ_SECONDS"), out var s) && s > 0 ? s : 6;

    /// <summary>A CsCheck seed to replay a failure with, or null for a random start.</summary>
    public static string? Seed { get; } = Environment.GetEnvironmentVariable("NETBUFRULES_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;

    /// <summary>Runs <paramref name="property"/> over <paramref name="gen"/> for the time budget on one thread (the machine is shared).</summary>
    public static void Run<T>(Gen<T> gen, Action<T> property, Func<T, string> print) =>
        gen.Sample(property, seed: Seed, iter: 1_000_000_000, time: Seconds, threads: 1, print: print);

    /// <summary>Fragments that break parsers: YAML structure, anchors, tags, quotes, template and expression delimiters, control characters, huge and odd numbers.</summary>
    public static readonly string[] Tokens =
    [
        "&a ", "*a", "<<: *a", "[", "]", "{", "}", ": ", ":", "\n", "\n  ", "\n    - ", "- ", "'", "\"", "|\n  ", ">-\n  ", "!!binary ", "!!python/object ",
        "%YAML 1.2\n---\n", "---\n", "...\n", "\t", "#", "\u001b[31m", "\0", "\u202e", "\r", "{{", "}}", "{%", "((", "))", "rate(", "count(", "among(",
        "1e999", "-1e999", "NaN", "Infinity", "9223372036854775807", "-9223372036854775808", "0x7f", "~", "null", "true", "''", "\"\\x00\"",
        "probes:", "when:", "fix:", "extract:", "regex: '(a+)+$'", "table: [a, b]", "json: a.b[999999999]", "counter: true", "where: ", "each: ",
        "template: ", "path: /etc/sysctl.d/x.conf", "timeout: 0s", "timeout: 99999999999999s", "key: [", "requires: [v]", "file: /proc/loadavg",
    ];

    /// <summary>A mutation of one of <paramref name="corpus"/>: up to six edits, each a deletion, a duplication, a token inserted or a byte flipped.</summary>
    public static Gen<string> Mutated(IReadOnlyList<string> corpus) =>
        Gen.Select(Gen.Int[0, corpus.Count - 1], Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, 64], Gen.Int[0, Tokens.Length - 1]).Array[1, 6],
            (index, edits) =>
            {
                var text = corpus[index];
                foreach (var (kind, at, length, token) in edits)
                {
                    var pos = text.Length == 0 ? 0 : at % text.Length;
                    var len = Math.Min(length, text.Length - pos);
                    text = kind switch
                    {
                        0 => text.Remove(pos, len),
                        1 => text.Insert(pos, text.Substring(pos, len)),
                        2 => text.Insert(pos, Tokens[token]),
                        _ => text.Length == 0 ? text : text.Remove(pos, 1).Insert(pos, ((char)(text[pos] ^ (1 << (token % 7)))).ToString()),
                    };
                }
                return text;
            });

    /// <summary>Runs loaded playbooks through the whole pipeline against <paramref name="reader"/> and checks the property.</summary>
    public static void ShouldDiagnoseWithoutInternalErrors(IReadOnlyList<Model.Playbook> playbooks, ISourceReader reader, HostInfo? host = null)
    {
        var report = DiagnosisPipeline.RunAsync(playbooks, new ParamOverrides(), reader, new ProbeRunOptions(TimeSpan.Zero), host ?? CliRunner.FixedHost)
            .GetAwaiter().GetResult();
        report.Results.Count.ShouldBe(playbooks.Count);
        foreach (var result in report.Results)
        {
            result.Reason.ShouldNotContain("internal error", Case.Sensitive, result.Reason);
            foreach (var format in NetBufRules.Output.OutputFormats.All) _ = format.Write(report, NetBufRules.Output.OutputOptions.Default);
            _ = NetBufRules.Report.JsonReportWriter.Write(report);
            if (result.Status == FindingStatus.Error) result.Reason.ShouldNotBeNullOrWhiteSpace();
        }
    }

    /// <summary>A host for fuzzed playbooks: numbers, text, a table and a counter.</summary>
    public static FakeSourceReader Host() => new FakeSourceReader()
        .With("/proc/loadavg", "0.5 0.4 0.3 1/100 1234")
        .With("/proc/sys/net/core/somaxconn", "4096")
        .With("/proc/net/netstat", "TcpExt: ListenOverflows ListenDrops\nTcpExt: 10 20\n", "TcpExt: ListenOverflows ListenDrops\nTcpExt: 15 20\n")
        .With("ss -Hltn", "LISTEN 5 4 0.0.0.0:80 0.0.0.0:*\nLISTEN 0 128 [::]:22 [::]:*\n");
}
