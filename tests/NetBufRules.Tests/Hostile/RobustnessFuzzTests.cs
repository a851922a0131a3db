using System.Text.Json.Nodes;
using CsCheck;
using NetBufRules.Lint;
using NetBufRules.Policy;
using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Hostile;

/// <summary>
/// Property-based fuzzing (CsCheck) of the loader, conditions, templates and snapshots: whatever the input, the answer
/// is diagnostics or a result, never an unhandled exception or an internal error. Bounded by NETBUFRULES_FUZZ_SECONDS.
/// </summary>
public sealed class RobustnessFuzzTests
{
    private static readonly IReadOnlyList<string> PlaybookCorpus =
    [
        .. Directory.GetFiles(Repo.Playbooks, "*.yaml"),
        .. Directory.GetFiles(Path.Combine(Repo.Root, "examples", "playbooks"), "*.yaml"),
        .. Directory.GetFiles(Repo.Golden, "*.yaml", SearchOption.AllDirectories),
    ];

    private static readonly IReadOnlyList<string> PlaybookTexts = [.. PlaybookCorpus.Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    /// <summary>Loads, validates and schema-checks <paramref name="text"/>; returns the playbook when it has no errors.</summary>
    private static Model.Playbook? Load(string text)
    {
        var bag = new DiagnosticBag();
        var playbook = PlaybookParser.Parse("fuzz.yaml", text, bag, out var root);
        if (playbook is not null) PlaybookValidator.ValidateOne(playbook, SafetyPolicy.Default, bag);
        if (root is not null) bag.AddRange(SchemaValidator.Validate(root, new HashSet<(string, int)>()));
        bag.Items.ShouldAllBe(d => d.Position.Line >= 1 && d.Position.Column >= 1 && d.Message.Length > 0);
        return bag.HasErrors ? null : playbook;
    }

    [Fact]
    public void Mutated_playbooks_from_the_pack_and_the_golden_corpus_load_to_diagnostics_or_a_result()
    {
        RobustnessFuzzing.Run(RobustnessFuzzing.Mutated(PlaybookTexts), text =>
        {
            if (Load(text) is { } playbook)
                RobustnessFuzzing.ShouldDiagnoseWithoutInternalErrors([playbook], RobustnessFuzzing.Host());
        }, text => text.Length > 4000 ? text[..4000] + "..." : text);
    }

    private static readonly string[] Names = ["v", "limit", "t", "t.recv_q", "t.send_q", "listen", "listen.overflows", "nothing", "v.x"];
    private static readonly string[] Functions = ["rate", "delta", "count", "sum", "maxof", "minof", "max", "min", "ratio", "abs", "if", "contains", "among", "nope"];
    private static readonly string[] Operators = [" + ", " - ", " * ", " / ", " % ", " == ", " != ", " < ", " > ", " <= ", " >= ", " && ", " || ", " & ", " | ", " ^ ", " << ", " >> ", " ? ", " : "];
    private static readonly string[] Literals = ["0", "1", "-1", "0.5", "1e308", "9223372036854775807", "2147483647", "'text'", "''", "true", "false", "null", "#2026-01-01#", "1e999", "NaN"];

    /// <summary>A random NCalc expression over the probes, params and functions a playbook has.</summary>
    private static Gen<string> Expression(int depth) => depth == 0
        ? Gen.OneOf(Gen.OneOf(Names), Gen.OneOf(Literals))
        : Gen.Int[0, 5].SelectMany(kind => kind switch
        {
            0 => Gen.OneOf(Names),
            1 => Gen.OneOf(Literals),
            2 => Gen.Select(Expression(depth - 1), Gen.OneOf(Operators), Expression(depth - 1), (a, op, b) => a + op + b),
            3 => Gen.Select(Gen.OneOf(Functions), Expression(depth - 1).Array[0, 3], (f, args) => $"{f}({string.Join(", ", args)})"),
            4 => Expression(depth - 1).Select(e => $"({e})"),
            _ => Gen.Select(Gen.OneOf("!", "-", "~", "not "), Expression(depth - 1), (u, e) => u + e),
        });

    private static string ConditionPlaybook(string condition) => $$"""
        apiVersion: netbufrules/v1
        id: fuzz
        title: Fuzz
        severity: warning
        summary: s
        why: w
        params: { limit: 10 }
        probes:
          v: { file: /proc/sys/net/core/somaxconn }
          t:
            command: [ss, -Hltn]
            extract: { regex: '^LISTEN\s+(?<recv_q>\d+)\s+(?<send_q>\d+)', all: true }
            where: '{{condition.Replace("'", "''", StringComparison.Ordinal)}}'
          listen:
            counter: true
            file: /proc/net/netstat
            extract: { snmp: { overflows: TcpExt.ListenOverflows } }
        when:
          - '{{condition.Replace("'", "''", StringComparison.Ordinal)}}'
          - count(t) >= 0 && rate(listen.overflows) >= 0 && v > limit
        """;

    [Fact]
    public void Random_conditions_over_probe_values_evaluate_to_a_verdict_or_an_error_result()
    {
        var evaluated = 0;
        RobustnessFuzzing.Run(Expression(4), condition =>
        {
            if (Load(ConditionPlaybook(condition)) is not { } playbook) return;
            RobustnessFuzzing.ShouldDiagnoseWithoutInternalErrors([playbook], RobustnessFuzzing.Host());
            Interlocked.Increment(ref evaluated);
        }, condition => condition);
        // Most random expressions are refused at load; the fuzzer is only worth its time if some reach evaluation.
        evaluated.ShouldBeGreaterThan(0);
    }

    private static readonly string[] TemplateTokens =
    [
        "{{", "}}", " v ", " limit ", " t ", " row ", " rate.listen ", " delta.listen ", " status ", " playbook.id ", " for r in t ", " end ", " if ", " else ",
        " while true ", " max ", " min ", " round ", " join ", " size ", " sumof ", " maxof ", " r.recv_q ", " \"recv_q\" ", " 1 ", " 1e308 ", " -1 ", " 0 ", " / ",
        " * ", " + ", " % ", " | ", " . ", "[0]", "[99]", " ( ", " ) ", " func f; ret f; end ", " capture x ", " include 'x' ", " import x ", " $ ", " \"a\" ",
        " ~ ", " == ", "text ", "\n", "{{-", "-}}", " array.size ", " string.repeat 'x' 1000000000 ", " 1..1000000000 ", " for i in 1..100000000 ", " null ",
    ];

    private static string TemplatePlaybook(string template) => $$"""
        apiVersion: netbufrules/v1
        id: fuzz
        title: Fuzz
        severity: warning
        summary: s
        why: w
        params: { limit: 10 }
        probes:
          v: { file: /proc/sys/net/core/somaxconn }
          t:
            command: [ss, -Hltn]
            extract: { regex: '^LISTEN\s+(?<recv_q>\d+)\s+(?<send_q>\d+)', all: true }
          listen:
            counter: true
            file: /proc/net/netstat
            extract: { snmp: { overflows: TcpExt.ListenOverflows } }
        when:
          - if: v > limit && count(t) >= 0 && rate(listen.overflows) >= 0
            message: "{{Quote(template)}}"
        fix:
          - path: /etc/sysctl.d/90-fuzz.conf
            template: "{{Quote(template)}}"
        """;

    private static string Quote(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    [Fact]
    public void Random_templates_render_in_the_sandbox_to_a_fix_or_an_error_result()
    {
        var gen = Gen.OneOf(TemplateTokens).Array[1, 24].Select(tokens => string.Concat(tokens));
        var rendered = 0;
        RobustnessFuzzing.Run(gen, template =>
        {
            if (Load(TemplatePlaybook(template)) is not { } playbook) return;
            RobustnessFuzzing.ShouldDiagnoseWithoutInternalErrors([playbook], RobustnessFuzzing.Host());
            Interlocked.Increment(ref rendered);
        }, template => template);
        rendered.ShouldBeGreaterThan(0);
    }

    private static readonly IReadOnlyList<string> SnapshotTexts =
        [.. new[] { "netns-healthy.json", "netns-backlog.json" }.Select(f => File.ReadAllText(Path.Combine(Repo.Snapshots, f)))];

    private static readonly Lazy<IReadOnlyList<Model.Playbook>> Pack = new(() => PlaybookLoader.LoadBuiltIn().Playbooks);

    /// <summary>A snapshot changed as JSON: a value replaced by another type or an extreme, a key dropped, an item duplicated.</summary>
    private static Gen<string> MutatedSnapshot() =>
        Gen.Select(Gen.Int[0, SnapshotTexts.Count - 1], Gen.Select(Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Int[0, 12]).Array[1, 4], (index, edits) =>
        {
            var root = JsonNode.Parse(SnapshotTexts[index])!;
            foreach (var (kind, at, value) in edits)
            {
                var nodes = Walk(root).ToList();
                var node = nodes[at % nodes.Count];
                if (node.Parent is not { } parent) continue;
                JsonNode? replacement = value switch
                {
                    0 => null,
                    1 => -5,
                    2 => 1e308,
                    3 => "\u001b[31m\n",
                    4 => true,
                    5 => new JsonArray(),
                    6 => new JsonObject(),
                    7 => "2000-01-01T00:00:00Z",
                    8 => "not a time",
                    9 => long.MaxValue,
                    10 => "-1",
                    11 => "{\"kernel\":{\"TcpExtListenOverflows\":-1}}",
                    _ => node.DeepClone(),
                };
                switch (parent)
                {
                    case JsonObject obj when kind == 0:
                        obj.Remove(node.GetPropertyName());
                        break;
                    case JsonObject obj:
                        obj[node.GetPropertyName()] = replacement;
                        break;
                    case JsonArray array when kind == 0:
                        array.Remove(node);
                        break;
                    case JsonArray array when kind == 1:
                        array.Add(node.DeepClone());
                        break;
                    case JsonArray array:
                        array[node.GetElementIndex()] = replacement;
                        break;
                }
            }
            return root.ToJsonString();
        });

    private static IEnumerable<JsonNode> Walk(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch { JsonObject o => o.Select(kv => kv.Value), JsonArray a => a, _ => [] };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var n in Walk(child)) yield return n;
    }

    [Fact]
    public void Mutated_snapshots_replay_to_a_report_or_one_clear_refusal()
    {
        var replayed = 0;
        var gen = Gen.Frequency((3, MutatedSnapshot()), (1, RobustnessFuzzing.Mutated(SnapshotTexts)));
        RobustnessFuzzing.Run(gen, text =>
        {
            Snapshot snapshot;
            try
            {
                snapshot = SnapshotJson.Read("fuzz.json", text);
            }
            catch (SnapshotException e)
            {
                e.Message.ShouldStartWith("fuzz.json");
                return;
            }
            RobustnessFuzzing.ShouldDiagnoseWithoutInternalErrors(Pack.Value, new SnapshotSourceReader(snapshot), snapshot.Host);
            Interlocked.Increment(ref replayed);
        }, text => text.Length > 2000 ? text[..2000] + "..." : text);
        replayed.ShouldBeGreaterThan(0);
    }
}
