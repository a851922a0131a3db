using System.Globalization;
using System.Text;
using System.Text.Json;
using NetBufRules.Compile;
using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Probe;
using NetBufRules.Render;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Evaluate;

/// <summary>
/// Simple conditions skip NCalc's interpreter (<see cref="FastCondition"/>); NCalc stays the judge, so every answer the
/// fast path gives is held to NCalc's on thousands of random conditions and scopes, and on every pack condition over
/// every recorded snapshot.
/// </summary>
public sealed class FastConditionTests
{
    [Theory]
    [InlineData("fds >= soft * max_fd_ratio")]
    [InlineData("drops > 0")]
    [InlineData("recv_q > send_q")]
    [InlineData("t >= uptime.seconds - recent_seconds")]
    [InlineData("fds >= soft * advise_fd_ratio && fds < soft * max_fd_ratio")]
    [InlineData("not (a == -1) or -a * 2.5 != b + 3")]
    [InlineData("reason == 'PROTO_MEM'")]
    [InlineData("a > 1 && unit != ''")]
    [InlineData("'out' == dir")]
    [InlineData("rate(listen.overflows) > max_overflows_per_s")]
    [InlineData("sum(softnet.dropped_rate) > 1 && netdev_max_backlog > 0")]
    [InlineData("maxof(optmem.o) >= advise_optmem_ratio * optmem_max")]
    [InlineData("count(groups) >= igmp_max_memberships && maxcount(sources.key) > 0")]
    [InlineData("delta(oom_kill) > 0 || minof(t.c) < 1")]
    [InlineData("reason != 'NOT_SPECIFIED' && !contains(reason, 'TCP_')")]
    [InlineData("among(pid, full_listeners.pid) && fds >= soft * fd_starved_ratio")]
    public void A_condition_of_names_numbers_comparisons_and_logic_has_a_fast_form(string condition) =>
        FastCondition.For(Compile(condition)).Eligible.ShouldBeTrue();

    [Theory]
    [InlineData("a / b > 1")]
    [InlineData("a % 2 == 0")]
    [InlineData("max(a, b) > 1")]
    [InlineData("reason < 'PROTO_MEM'")]
    [InlineData("'a' == 'b'")]
    [InlineData("rate(a + 1) > 0")]
    [InlineData("rate(a, b) > 0")]
    [InlineData("Rate(a) > 0")]
    [InlineData("ratio(a, b) > 0")]
    [InlineData("contains(a)")]
    [InlineData("contains(a + 1, 'x')")]
    [InlineData("among(pid, 'x')")]
    [InlineData("fired('nic-drops')")]
    [InlineData("a && b")]
    [InlineData("2 * 3 > a")]
    [InlineData("1 < 2")]
    [InlineData("(a > 1) == (b > 1)")]
    [InlineData("if(a > 1, b, c) > 0")]
    [InlineData("a & 1 > 0")]
    [InlineData("true")]
    [InlineData("-(2 * 3) < a")]
    public void A_condition_with_anything_else_is_left_to_NCalc(string condition) =>
        FastCondition.For(Compile(condition)).Eligible.ShouldBeFalse();

    [Theory]
    [InlineData("a > 1", 3)]
    [InlineData("a > 1", 3L)]
    [InlineData("a > 1", "3")]
    [InlineData("a > 1", true)]
    [InlineData("a > 1", double.NaN)]
    [InlineData("a > 1", double.PositiveInfinity)]
    [InlineData("a * 1e300 * 1e300 > 1", 1.0)]
    [InlineData("missing > 1", 1.0)]
    public void A_value_that_is_no_finite_double_an_infinite_result_or_a_missing_name_is_left_to_NCalc(string condition, object a)
    {
        var scope = new EvaluationScope(new Dictionary<string, object> { ["a"] = a }, new Dictionary<string, ProbeValue>());
        FastCondition.For(Compile(condition)).Evaluate(scope).ShouldBeNull();
    }

    [Theory]
    [InlineData("a == 9007199254740993", 9007199254740992.0)]
    [InlineData("a >= 9007199254740993", 9007199254740992.0)]
    [InlineData("a < 9223372036854775807", 9.223372036854775807e18)]
    [InlineData("a == 9223372036854775807", 9.223372036854775807e18)]
    [InlineData("a == 2147483648", 2147483648.0)]
    [InlineData("a * 2147483647 > 2147483647", 1.5)]
    [InlineData("-a == 0", 0.0)]
    [InlineData("a == -0.0", 0.0)]
    [InlineData("a - 0.1 == 0.2", 0.30000000000000004)]
    [InlineData("a + 1e-300 > a", 1.0)]
    [InlineData("-a < -2147483648", 2147483648.5)]
    public void Beside_a_double_a_large_literal_and_rounding_give_NCalcs_answer(string condition, double a)
    {
        var compiled = Compile(condition);
        var scope = new EvaluationScope(new Dictionary<string, object> { ["a"] = a }, new Dictionary<string, ProbeValue>());
        var answer = FastCondition.For(compiled).Evaluate(scope);
        answer.ShouldNotBeNull();
        answer.Value.ShouldBe(ConditionEvaluator.RunInterpreted(compiled, scope));
    }

    [Theory]
    [InlineData("a == 'X'", "x")]
    [InlineData("a != 'X'", "x")]
    [InlineData("'x' == a", "x")]
    [InlineData("a == 'ab'", "a\u00ADb")]
    [InlineData("a == '\u00DF'", "ss")]
    [InlineData("a == '\u00E9'", "e\u0301")]
    [InlineData("a == '7.0'", "7")]
    [InlineData("contains(a, 'TCP_')", "no_tcp_x")]
    [InlineData("contains(a, 'tcp_')", "no_tcp_x")]
    [InlineData("contains(a, 'ab')", "a\u00ADb")]
    [InlineData("contains(a, 7)", "x7")]
    [InlineData("contains(a, 1.5)", "x1.5")]
    [InlineData("!contains(a, '')", "x")]
    [InlineData("among(a, t.c)", "X")]
    [InlineData("among(a, t.c)", "x")]
    [InlineData("among(7, t.c)", "x")]
    [InlineData("among('7.0', t.c)", "x")]
    public void Text_compared_searched_or_looked_up_gets_NCalcs_answer_case_and_accents_included(string condition, string a)
    {
        var compiled = Compile(condition);
        var table = new TableValue(["c"], [new Dictionary<string, object> { ["c"] = "x" }, new Dictionary<string, object> { ["c"] = 7.0 }]);
        var scope = new EvaluationScope(new Dictionary<string, object> { ["a"] = a }, new Dictionary<string, ProbeValue> { ["t"] = table });
        var answer = FastCondition.For(compiled).Evaluate(scope);
        answer.ShouldNotBeNull();
        answer.Value.ShouldBe(ConditionEvaluator.RunInterpreted(compiled, scope));
    }

    [Theory]
    [InlineData("a == 'x'")]
    [InlineData("a != ''")]
    [InlineData("contains(missing, 'x')")]
    [InlineData("among(a, missing.c)")]
    [InlineData("among(missing, t.c)")]
    [InlineData("rate(a) > 0")]
    [InlineData("count(a) > 0")]
    [InlineData("sum(t) > 0")]
    public void A_number_beside_a_quoted_text_or_a_function_that_fails_is_left_to_NCalc(string condition)
    {
        var table = new TableValue(["c"], [new Dictionary<string, object> { ["c"] = 1.0 }]);
        var scope = new EvaluationScope(new Dictionary<string, object> { ["a"] = 7.0 }, new Dictionary<string, ProbeValue> { ["t"] = table });
        FastCondition.For(Compile(condition)).Evaluate(scope).ShouldBeNull();
    }

    [Fact]
    public void A_decimal_param_is_left_to_NCalc()
    {
        var scope = new EvaluationScope(new Dictionary<string, object> { ["a"] = 0.1m }, new Dictionary<string, ProbeValue>());
        FastCondition.For(Compile("a == 0.1")).Evaluate(scope).ShouldBeNull();
    }

    [Fact]
    public void On_thousands_of_random_conditions_and_scopes_every_fast_answer_is_NCalcs_and_NCalcs_errors_are_never_answered()
    {
        var random = new Random(20261127);
        int sure = 0, unsure = 0, ncalcErrors = 0, eligible = 0, trues = 0;
        // Sure answers that needed a function call or a text comparison: those parts must have been held to NCalc too.
        var sureBy = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] parts = ["'", "contains(", "among(", "rate(", "delta(", "count(", "sum(", "maxof(", "minof(", "maxcount("];
        for (var i = 0; i < 10000; i++)
        {
            var text = RandomConditions.Truth(random, 0);
            var compiled = Compile(text);
            compiled.Error.ShouldBeNull(text);
            var fast = FastCondition.For(compiled);
            if (fast.Eligible) eligible++;
            for (var k = 0; k < 6; k++)
            {
                var scope = RandomConditions.Scope(random, out var described);
                var answer = fast.Evaluate(scope);
                bool expected;
                try
                {
                    expected = ConditionEvaluator.RunInterpreted(compiled, scope);
                }
                catch (Exception e) when (e is not ShouldAssertException)
                {
                    // NCalc fails (in its own words): the fast path must not have answered.
                    ncalcErrors++;
                    answer.ShouldBeNull($"{text} over {described}: NCalc says {e.GetType().Name}: {e.Message}");
                    continue;
                }
                if (answer is { } given)
                {
                    sure++;
                    if (given) trues++;
                    foreach (var part in parts.Where(p => text.Contains(p, StringComparison.Ordinal))) sureBy[part] = sureBy.GetValueOrDefault(part) + 1;
                    given.ShouldBe(expected, $"{text} over {described}");
                }
                else
                {
                    unsure++;
                }
            }
        }
        // The comparison must have bitten: many sure answers of both kinds, many fallbacks, many NCalc errors.
        eligible.ShouldBeGreaterThan(1000);
        sure.ShouldBeGreaterThan(3000);
        trues.ShouldBeGreaterThan(1000);
        (sure - trues).ShouldBeGreaterThan(1000);
        unsure.ShouldBeGreaterThan(3000);
        ncalcErrors.ShouldBeGreaterThan(500);
        foreach (var part in parts) sureBy.GetValueOrDefault(part).ShouldBeGreaterThan(20, $"sure answers with {part}");
    }

    [Fact]
    public async Task Every_pack_condition_over_every_row_of_every_recorded_snapshot_gets_NCalcs_answer_whenever_it_is_answered_fast()
    {
        var counts = new Dictionary<string, (int Rows, int Fast)>(StringComparer.Ordinal);
        await foreach (var (name, playbook, values, scope) in Scopes())
        {
            foreach (var probe in playbook.Probes.Where(p => p.Where is not null && values.GetValueOrDefault(p.Name) is TableValue))
            {
                foreach (var row in ((TableValue)values[probe.Name]).Rows)
                    Check(probe.Where!, scope.WithRow(row), $"{name}: {playbook.Id}: {probe.Name}", counts);
            }
            var conditions = playbook.When.Concat(playbook.AdviseWhen).Select(s => s.Condition)
                .Concat(playbook.Fixes.Where(f => f.Condition is not null).Select(f => f.Condition!));
            foreach (var condition in conditions) Check(condition, scope, $"{name}: {playbook.Id}", counts);
        }
        counts.Values.Sum(c => c.Rows).ShouldBeGreaterThan(500, "the snapshots must hold rows, or the comparison proves little");
        counts.Values.Sum(c => c.Fast).ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task The_packs_numeric_filters_are_answered_fast_on_every_recorded_row()
    {
        string[] numeric = ["fds >= soft * max_fd_ratio", "drops > 0", "recv_q > send_q", "t >= uptime.seconds - recent_seconds", "o > 0", "sndbuf < wmem_default",
            "fds >= soft * advise_fd_ratio && fds < soft * max_fd_ratio"];
        var counts = new Dictionary<string, (int Rows, int Fast)>(StringComparer.Ordinal);
        await foreach (var (name, playbook, values, scope) in Scopes())
        {
            foreach (var probe in playbook.Probes.Where(p => numeric.Contains(p.Where?.Text.Trim()) && values.GetValueOrDefault(p.Name) is TableValue))
            {
                FastCondition.For(ConditionCompiler.CompileOnce(probe.Where!)).Eligible.ShouldBeTrue(probe.Where!.Text);
                foreach (var row in ((TableValue)values[probe.Name]).Rows)
                    Check(probe.Where!, scope.WithRow(row), $"{name}: {playbook.Id}: {probe.Name}", counts);
            }
        }
        counts.Keys.Order(StringComparer.Ordinal).ShouldBe(numeric.Order(StringComparer.Ordinal), "each numeric filter must meet rows in some snapshot");
        foreach (var (condition, (rows, fast)) in counts) fast.ShouldBe(rows, $"'{condition}': {fast} of {rows} rows answered fast");
    }

    [Fact]
    public async Task Every_finding_on_every_recorded_snapshot_is_the_same_with_and_without_the_fast_path()
    {
        var fastEvaluator = new ConditionEvaluator();
        var ncalcEvaluator = new ConditionEvaluator { FastConditions = false };
        var renderer = new FixRenderer();
        var tables = 0;
        foreach (var name in ProbedSnapshot.All())
        {
            var snapshot = await ProbedSnapshot.Of(name);
            foreach (var playbook in snapshot.Playbooks)
            {
                var fast = snapshot.Evaluate(playbook, fastEvaluator, renderer);
                var ncalc = snapshot.Evaluate(playbook, ncalcEvaluator, renderer);
                var where = $"{name}: {playbook.Id}";
                Signature(fast).ShouldBe(Signature(ncalc), where);
                fast.Finding.Values.Keys.Order(StringComparer.Ordinal).ShouldBe(ncalc.Finding.Values.Keys.Order(StringComparer.Ordinal), where);
                foreach (var (probe, value) in fast.Finding.Values)
                {
                    if (value is not TableValue table) continue;
                    // The filtered rows are the very same row objects, in the same order.
                    tables++;
                    var other = (TableValue)ncalc.Finding.Values[probe];
                    table.Rows.Count.ShouldBe(other.Rows.Count, $"{where}: {probe}");
                    table.Rows.Zip(other.Rows).ShouldAllBe(p => ReferenceEquals(p.First, p.Second), $"{where}: {probe}");
                }
            }
        }
        tables.ShouldBeGreaterThan(50);
    }

    /// <summary>
    /// The fast answer for one condition and scope, held to NCalc's; counted by condition text when NCalc answers (a
    /// name whose probe failed in a snapshot fails NCalc too, and the evaluator skips such a condition before).
    /// </summary>
    private static void Check(LocatedText condition, EvaluationScope scope, string where, Dictionary<string, (int Rows, int Fast)> counts)
    {
        var compiled = ConditionCompiler.CompileOnce(condition);
        var answer = FastCondition.For(compiled).Evaluate(scope);
        var key = condition.Text.Trim();
        bool expected;
        try
        {
            expected = ConditionEvaluator.RunInterpreted(compiled, scope);
        }
        catch (EvaluationException e)
        {
            answer.ShouldBeNull($"{where}: '{key}': NCalc fails: {e.Message}");
            return;
        }
        var (rows, fast) = counts.GetValueOrDefault(key);
        counts[key] = (rows + 1, fast + (answer is null ? 0 : 1));
        if (answer is { } given) given.ShouldBe(expected, $"{where}: '{key}'");
    }

    /// <summary>A finding's status, reason, evidence and fixes as one text.</summary>
    private static string Signature(RenderedFinding result)
    {
        var text = new StringBuilder();
        text.Append(result.Status).Append(' ').Append(result.Reason).Append('\n');
        text.Append(string.Join(" | ", result.Finding.Symptoms.Concat(result.Finding.Advice).Select(s => $"{s.State} {s.UnknownReason}"))).Append('\n');
        text.Append(JsonSerializer.Serialize(result.Finding.Evidence)).Append('\n');
        foreach (var fix in result.Fixes) text.Append(fix.Path).Append('\n').Append(fix.Content).Append('\n');
        return text.ToString();
    }

    private static CompiledCondition Compile(string text) =>
        ConditionCompiler.Compile(new LocatedText(text, new SourcePosition("t.yaml", 1, 1), YamlScalarStyle.Plain, 0));

    /// <summary>Random conditions over the fast path's grammar and pieces outside it, and random scopes for them.</summary>
    private static class RandomConditions
    {
        private static readonly string[] Names = ["p0", "p1", "p2", "p3", "c0", "c1", "c2", "s0", "s1", "r.f", "r.g", "tab", "missing"];

        private static readonly string[] Comparisons = ["==", "!=", "<", "<=", ">", ">="];

        private static readonly string[] Literals =
            ["0", "1", "2", "5", "7", "100", "0.5", "0.1", "1.5", "1e300", "1e-300", "2147483647", "2147483648", "9007199254740993", "9223372036854775807", "0.0"];

        public static string Truth(Random random, int depth)
        {
            var leaf = depth >= 3 || random.Next(3) == 0;
            if (leaf) return random.Next(12) == 0 ? Odd(random, depth) : $"{Number(random, depth + 1)} {Pick(random, Comparisons)} {Number(random, depth + 1)}";
            return random.Next(8) switch
            {
                0 or 1 => $"{Truth(random, depth + 1)} {(random.Next(4) == 0 ? "and" : "&&")} {Truth(random, depth + 1)}",
                2 or 3 => $"{Truth(random, depth + 1)} {(random.Next(4) == 0 ? "or" : "||")} {Truth(random, depth + 1)}",
                4 => random.Next(2) == 0 ? $"!({Truth(random, depth + 1)})" : $"not ({Truth(random, depth + 1)})",
                5 => $"({Truth(random, depth + 1)})",
                _ => $"{Number(random, depth + 1)} {Pick(random, Comparisons)} {Number(random, depth + 1)}",
            };
        }

        /// <summary>A truth-valued piece the fast path leaves alone.</summary>
        private static string Odd(Random random, int depth) => random.Next(10) switch
        {
            0 => "true",
            1 => Pick(random, Names),
            2 => random.Next(2) == 0 ? $"{Pick(random, Names)} {Pick(random, TextComparisons)} {Quoted(random)}" : $"{Quoted(random)} {Pick(random, TextComparisons)} {Pick(random, Names)}",
            3 => $"({Number(random, depth + 1)} > 0) == ({Number(random, depth + 1)} < 1)",
            4 => $"{Pick(random, Names)} && {Truth(random, depth + 1)}",
            5 => random.Next(2) == 0 ? $"contains({Argument(random)}, {Argument(random)})" : $"contains({Pick(random, Names)}, {Quoted(random)})",
            6 => $"among({Argument(random)}, {Pick(random, Columns)})",
            7 => $"{Pick(random, Names)} == {Pick(random, Names)}",
            8 => $"{Pick(random, Names)} < {Quoted(random)}",
            _ => $"if({Truth(random, depth + 1)}, true, false)",
        };

        private static readonly string[] TextComparisons = ["==", "!=", "=", "<>"];

        /// <summary>Texts that culture-aware comparison would treat differently from ordinal: case, a soft hyphen, ß, a combining accent, digits.</summary>
        private static readonly string[] Texts = ["x", "X", "7", "7.0", "", "ab", "a\u00ADb", "ss", "\u00DF", "\u00E9", "e\u0301", "TCP_", "tcp_", "NO_TCP_X", "1", "1.5"];

        private static readonly string[] Columns = ["tab.x", "tab.y", "tab", "r.f", "p0", "missing.x"];

        private static readonly string[] Functions = ["rate", "delta", "count", "sum", "maxof", "minof", "maxcount"];

        private static readonly string[] FunctionArguments = ["r.f", "r.g", "s0", "s1", "tab", "tab.x", "tab.y", "p0", "missing", "c0"];

        private static string Quoted(Random random) => $"'{Pick(random, Texts)}'";

        private static string Argument(Random random) => random.Next(3) switch
        {
            0 => Quoted(random),
            1 => Pick(random, Literals),
            _ => Pick(random, Names),
        };

        private static string Number(Random random, int depth)
        {
            if (depth >= 5 || random.Next(2) == 0)
                return random.Next(4) switch { 0 => Pick(random, Literals), 1 => $"{Pick(random, Functions)}({Pick(random, FunctionArguments)})", _ => Pick(random, Names) };
            return random.Next(14) switch
            {
                0 or 1 => $"{Number(random, depth + 1)} + {Number(random, depth + 1)}",
                2 or 3 => $"{Number(random, depth + 1)} - {Number(random, depth + 1)}",
                4 or 5 => $"{Number(random, depth + 1)} * {Number(random, depth + 1)}",
                6 => $"-{Number(random, depth + 1)}",
                7 => $"-({Number(random, depth + 1)})",
                8 => $"({Number(random, depth + 1)})",
                9 => $"{Number(random, depth + 1)} / {Number(random, depth + 1)}",
                10 => $"{Number(random, depth + 1)} % {Number(random, depth + 1)}",
                11 => random.Next(3) == 0 ? $"max({Number(random, depth + 1)}, {Number(random, depth + 1)})" : $"{Pick(random, Functions)}({Pick(random, FunctionArguments)})",
                12 => random.Next(2) == 0 ? "'7'" : $"{Number(random, depth + 1)} & 3",
                _ => Pick(random, Literals),
            };
        }

        /// <summary>Params of every type a param may have, row cells and probe values of double or text, some names missing.</summary>
        public static EvaluationScope Scope(Random random, out string described)
        {
            var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var name in new[] { "p0", "p1", "p2", "p3" })
            {
                if (random.Next(10) > 0) parameters[name] = Param(random);
            }
            var row = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var name in new[] { "c0", "c1", "c2" })
            {
                if (random.Next(10) > 0) row[name] = random.Next(4) == 0 ? Text(random) : Double(random);
            }
            var values = new Dictionary<string, ProbeValue>(StringComparer.Ordinal);
            foreach (var name in new[] { "s0", "s1" })
            {
                if (random.Next(10) > 0) values[name] = random.Next(4) == 0 ? new ScalarValue(Text(random)) : new ScalarValue(Double(random), Delta: Counter(random), Rate: Counter(random));
            }
            var fields = new Dictionary<string, ScalarValue>(StringComparer.Ordinal) { ["f"] = new(Double(random), Delta: Counter(random), Rate: Counter(random)) };
            if (random.Next(3) > 0) fields["g"] = new(random.Next(4) == 0 ? Text(random) : Double(random));
            values["r"] = new RecordValue(fields);
            values["tab"] = new TableValue(["x", "y"], [.. Enumerable.Range(0, random.Next(5)).Select(_ => (IReadOnlyDictionary<string, object>)Cells(random))]);
            described = string.Join(", ", parameters.Concat(row).Select(p => $"{p.Key}={Show(p.Value)}")
                .Concat(values.Select(v => $"{v.Key}={v.Value}")));
            return new EvaluationScope(parameters, values, random.Next(6) == 0 ? null : row);
        }

        private static object Param(Random random) => random.Next(8) switch
        {
            0 => random.Next(-5, 6),
            1 => random.Next(3) == 0 ? long.MaxValue - random.Next(3) : (long)random.Next(-5, 6),
            2 => (decimal)random.Next(-50, 51) / 10,
            3 => random.Next(2) == 0,
            4 => Text(random),
            _ => Double(random),
        };

        private static double Double(Random random) => random.Next(16) switch
        {
            0 => 0.0,
            1 => -0.0,
            2 => 1e308,
            3 => -1e308,
            4 => double.Epsilon,
            5 => 9007199254740993,
            6 => 2147483648,
            7 => random.Next(40) == 0 ? double.NaN : double.PositiveInfinity,
            8 => 0.1,
            9 => 1e300,
            10 => 9.223372036854775807e18,
            11 => random.Next(-3, 4),
            12 => random.Next(-3, 4) / 2.0,
            _ => Math.Round((random.NextDouble() - 0.5) * 2e6, random.Next(4)),
        };

        private static string Text(Random random) => random.Next(12) switch
        {
            0 => "x",
            1 => "X",
            2 => "7",
            3 => "7.0",
            4 => "a\u00ADb",
            5 => "ab",
            6 => "\u00DF",
            7 => "ss",
            8 => "e\u0301",
            9 => "\u00E9",
            10 => random.Next(2) == 0 ? "NO_TCP_X" : "no_tcp_x",
            _ => "",
        };

        /// <summary>A counter's delta or rate, or none (a value that is no counter).</summary>
        private static double? Counter(Random random) => random.Next(4) == 0 ? null : Double(random);

        /// <summary>A row of 'tab': column x a number (sometimes text), y text (sometimes a number), either sometimes missing.</summary>
        private static Dictionary<string, object> Cells(Random random)
        {
            var cells = new Dictionary<string, object>(StringComparer.Ordinal);
            if (random.Next(8) > 0) cells["x"] = random.Next(6) == 0 ? Text(random) : random.Next(3) == 0 ? 7.0 : Double(random);
            if (random.Next(8) > 0) cells["y"] = random.Next(4) == 0 ? Double(random) : Text(random);
            return cells;
        }

        private static string Show(object value) => value switch
        {
            string s => $"'{s}'",
            double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) + value.GetType().Name,
            _ => value.ToString() ?? "",
        };

        private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
    }

    /// <summary>Every pack playbook on every recorded snapshot, with the probe values it measured and a scope over them.</summary>
    private static async IAsyncEnumerable<(string Name, Playbook Playbook, Dictionary<string, ProbeValue> Values, EvaluationScope Scope)> Scopes()
    {
        foreach (var name in ProbedSnapshot.All())
        {
            var snapshot = await ProbedSnapshot.Of(name);
            foreach (var playbook in snapshot.Playbooks)
            {
                var values = snapshot.Run.For(playbook.Id).Values.Where(p => p is { Status: ProbeStatus.Ok, Value: not null })
                    .ToDictionary(p => p.Name, p => p.Value!, StringComparer.Ordinal);
                yield return (name, playbook, values, new EvaluationScope(new ParamOverrides().Resolve(playbook), values));
            }
        }
    }
}
