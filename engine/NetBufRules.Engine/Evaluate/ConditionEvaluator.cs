using NCalc;
using NCalc.Exceptions;
using NCalc.Handlers;
using NetBufRules.Compile;
using NetBufRules.Evaluate.Evidence;
using NetBufRules.Model;
using NetBufRules.Probe;

namespace NetBufRules.Evaluate;

/// <summary>Filters table probes with their <c>where</c>, evaluates <c>when</c> and <c>advise_when</c>, and decides the status.</summary>
internal sealed class ConditionEvaluator
{
    private const int EvidenceRows = 20;

    /// <summary>Whether simple conditions skip NCalc's interpreter (<see cref="FastCondition"/>); off only to hold the fast path to NCalc alone.</summary>
    internal bool FastConditions { get; init; } = true;

    /// <summary>Each playbook's filter order, worked out once (it depends on the playbook alone), not once per host.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Playbook, WherePlan> Plans = new();

    /// <summary>Evaluates one playbook against its probe results and resolved params.</summary>
    public Finding Evaluate(Playbook playbook, IReadOnlyDictionary<string, ProbeResult> measured, IReadOnlyDictionary<string, object> parameters) =>
        Evaluate(playbook, measured, parameters, new FindingBoard());

    /// <summary>As above, reading the verdicts of findings evaluated before it (<c>fired('id')</c>, <c>explained()</c>).</summary>
    public Finding Evaluate(Playbook playbook, IReadOnlyDictionary<string, ProbeResult> measured, IReadOnlyDictionary<string, object> parameters, FindingBoard board)
    {
        var explanation = board.Explain(playbook.ExplainedBy);
        return EvaluateWith(playbook, measured, parameters, new Peers(board, explanation)) with { Explanation = explanation };
    }

    private Finding EvaluateWith(Playbook playbook, IReadOnlyDictionary<string, ProbeResult> measured, IReadOnlyDictionary<string, object> parameters, Peers peers)
    {
        var evidence = new Dictionary<string, EvidenceItem>(StringComparer.Ordinal);
        var plan = PlanOf(playbook);
        if (plan.Cycle is not null)
        {
            return new Finding(playbook, FindingStatus.Error, $"the probes' 'where' filters read each other in a cycle ({plan.CycleText}), so no order gives their rows", [], [], evidence, parameters,
                new Dictionary<string, ProbeValue>(StringComparer.Ordinal), measured, []);
        }
        var probes = SkipDependents(plan, measured);
        var values = MeasuredValues(probes);
        var missing = playbook.Requires.Where(n => probes.TryGetValue(n, out var p) && p.Status == ProbeStatus.Skipped).ToList();
        if (missing.Count > 0)
        {
            // Every condition is unknown, 'when' and 'advise_when' alike: an advice-only playbook ('when: []') is skipped with the same reason.
            var why = string.Join("; ", missing.Select(n => $"{n}: {probes[n].SkipReason}"));
            return new Finding(playbook, FindingStatus.Skipped, null, [.. playbook.When.Select(s => new SignalOutcome(s, SignalState.Unknown, why))],
                [.. playbook.AdviseWhen.Select(s => new SignalOutcome(s, SignalState.Unknown, why))], evidence, parameters, values, probes, []);
        }
        try
        {
            // In dependency order: each filter sees the filtered rows of the probes it reads (and its own unfiltered).
            foreach (var probe in plan.Order.Where(p => values.ContainsKey(p.Name)))
                values[probe.Name] = Filter(probe, values[probe.Name], new EvaluationScope(parameters, values) { Peers = peers });
            var scope = new EvaluationScope(parameters, values) { Peers = peers };
            var symptoms = playbook.When.Select(s => Judge(s, scope, probes, evidence, playbook, parameters)).ToList();
            var advice = playbook.AdviseWhen.Select(s => Judge(s, scope, probes, evidence, playbook, parameters)).ToList();
            var status = Decide(symptoms, advice);
            var fixes = status is FindingStatus.Fired or FindingStatus.Advice
                ? playbook.Fixes.Where(f => f.Condition is null || Judge(new Signal(f.Condition, null, f.Position), scope, probes, [], playbook, parameters).State == SignalState.True).ToList()
                : [];
            return new Finding(playbook, status, null, symptoms, advice, evidence, parameters, values, probes, fixes);
        }
        catch (EvaluationException e)
        {
            return new Finding(playbook, FindingStatus.Error, e.Message, [], [], evidence, parameters, values, probes, []);
        }
    }

    /// <summary>
    /// The rows of <paramref name="table"/> its 'where' keeps, filtered as evaluation will filter them (in the filters'
    /// order, each seeing the filtered rows it reads), for the probes that read for each of its rows before evaluation.
    /// Null when that cannot be told now: a filter that reads a finding's verdict (not known before evaluation), a
    /// skipped probe, a cycle or an error (evaluation reports those).
    /// </summary>
    internal TableValue? Kept(Playbook playbook, ProbeSpec table, IReadOnlyDictionary<string, ProbeResult> measured, IReadOnlyDictionary<string, object> parameters)
    {
        var plan = PlanOf(playbook);
        if (plan.Cycle is not null) return null;
        var probes = SkipDependents(plan, measured);
        if (!probes.TryGetValue(table.Name, out var own) || own.Status != ProbeStatus.Ok) return null;
        var values = MeasuredValues(probes);
        try
        {
            foreach (var probe in plan.Order.Where(p => values.ContainsKey(p.Name)))
            {
                if (Compile(probe.Where!).Functions.Any(f => f is "fired" or "explained")) return null;
                values[probe.Name] = Filter(probe, values[probe.Name], new EvaluationScope(parameters, values));
                if (probe.Name == table.Name) return (TableValue)values[probe.Name];
            }
            return null;
        }
        catch (EvaluationException)
        {
            return null;
        }
    }

    /// <summary>The order of <paramref name="playbook"/>'s 'where' filters, worked out once per playbook.</summary>
    private static WherePlan PlanOf(Playbook playbook) => Plans.GetValue(playbook, p => WhereOrder.Plan(p));

    /// <summary>The value of every probe that was measured, before any 'where' filter.</summary>
    private static Dictionary<string, ProbeValue> MeasuredValues(Dictionary<string, ProbeResult> probes) =>
        probes.Values.Where(p => p is { Status: ProbeStatus.Ok, Value: not null }).ToDictionary(p => p.Name, p => p.Value!, StringComparer.Ordinal);

    /// <summary>
    /// A probe whose 'where' needs a skipped probe is skipped too, saying which one and why; in the filters' order, so a
    /// filter reading a filter that was skipped for this reason is skipped as well.
    /// </summary>
    private static Dictionary<string, ProbeResult> SkipDependents(WherePlan plan, IReadOnlyDictionary<string, ProbeResult> measured)
    {
        var probes = new Dictionary<string, ProbeResult>(measured, StringComparer.Ordinal);
        foreach (var probe in plan.Order.Where(p => probes.TryGetValue(p.Name, out var r) && r.Status == ProbeStatus.Ok))
        {
            var needs = Compile(probe.Where!).Roots
                .FirstOrDefault(root => probes.TryGetValue(root, out var other) && other.Status == ProbeStatus.Skipped);
            if (needs is not null)
                probes[probe.Name] = ProbeResult.Skipped(probe.Name, $"needs {needs}, which was skipped ({probes[needs].SkipReason})", probes[probe.Name].Attempts);
        }
        return probes;
    }

    private static FindingStatus Decide(IReadOnlyList<SignalOutcome> symptoms, IReadOnlyList<SignalOutcome> advice)
    {
        if (symptoms.Any(s => s.State == SignalState.True)) return FindingStatus.Fired;
        if (advice.Any(s => s.State == SignalState.True)) return FindingStatus.Advice;
        var all = symptoms.Concat(advice).ToList();
        return all.Count > 0 && all.All(s => s.State == SignalState.Unknown) ? FindingStatus.Skipped : FindingStatus.Ok;
    }

    private SignalOutcome Judge(Signal signal, EvaluationScope scope, IReadOnlyDictionary<string, ProbeResult> probes, Dictionary<string, EvidenceItem> evidence, Playbook playbook, IReadOnlyDictionary<string, object> parameters)
    {
        var compiled = Compile(signal.Condition);
        var missing = compiled.Roots
            .Where(root => probes.TryGetValue(root, out var p) && p.Status == ProbeStatus.Skipped)
            .Select(root => $"{root}: {probes[root].SkipReason}").ToList();
        if (missing.Count > 0)
            return new SignalOutcome(signal, SignalState.Unknown, string.Join("; ", missing));
        var result = Run(compiled, scope, FastConditions);
        scope.Peers?.TakeEvidence(evidence);
        EvidenceBuilder.Add(evidence, compiled, scope, playbook, probes, parameters, EvidenceRows);
        // A culprit found among the rows that were read is evidence; none found is no answer when rows could not be read
        // (not root, most processes are not readable): "no process is at its limit" would be said of processes never seen.
        if (!result && compiled.Roots.Select(root => probes.GetValueOrDefault(root)?.Unread).OfType<string>().Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } unread)
            return new SignalOutcome(signal, SignalState.Unknown, string.Join("; ", unread)) { Unread = true };
        return new SignalOutcome(signal, result ? SignalState.True : SignalState.False, null);
    }

    private TableValue Filter(ProbeSpec probe, ProbeValue value, EvaluationScope scope)
    {
        if (value is not TableValue table)
            throw new EvaluationException($"probe '{probe.Name}' has 'where' but its value is not a table");
        var compiled = Compile(probe.Where!);
        var run = Prepare(compiled);
        var rows = table.Rows.Where(row => run.Run(scope.WithRow(row), FastConditions)).ToList();
        scope.Peers?.TakeEvidence([]); // a row filter's reads are not a condition's evidence
        return table with { Rows = rows };
    }

    private static CompiledCondition Compile(LocatedText text) => ConditionCompiler.CompileOnce(text);

    private static bool Run(CompiledCondition compiled, EvaluationScope scope, bool fast) => Prepare(compiled).Run(scope, fast);

    /// <summary>The condition evaluated by NCalc alone, errors included, as the evaluator does without its fast path (for tests).</summary>
    internal static bool RunInterpreted(CompiledCondition compiled, EvaluationScope scope) => Run(compiled, scope, fast: false);

    /// <summary>
    /// The condition bound once to an evaluator whose names and functions read the scope it is called with: a 'where'
    /// over thousands of rows binds once, not once per row, and a thread that evaluates the same condition again (the
    /// next host of a fleet) reuses its binding instead of building an Expression and its 17 functions anew.
    /// </summary>
    private static Bound Prepare(CompiledCondition compiled)
    {
        if (compiled.Error is not null || compiled.Tree is null)
            throw new EvaluationException($"'{compiled.Source.Text}': {compiled.Error?.Message}");
        var bound = t_bound ??= new Dictionary<CompiledCondition, Bound>(ReferenceEqualityComparer.Instance);
        if (!bound.TryGetValue(compiled, out var binding))
        {
            if (bound.Count >= MaxBound) bound.Clear();
            bound[compiled] = binding = new Bound(compiled);
        }
        return binding;
    }

    private const int MaxBound = 4096;

    /// <summary>This thread's bound conditions: an Expression is never shared between threads, so evaluations never share state.</summary>
    [ThreadStatic]
    private static Dictionary<CompiledCondition, Bound>? t_bound;

    /// <summary>A fresh Expression over the shared, immutable syntax tree, reading the scope of the call in progress.</summary>
    private sealed class Bound
    {
        private readonly CompiledCondition _compiled;
        private readonly FastCondition _fast;
        private readonly Expression _expression;
        private EvaluationScope? _current;

        public Bound(CompiledCondition compiled)
        {
            _compiled = compiled;
            _fast = FastCondition.For(compiled);
            _expression = new Expression(compiled.Tree!, ConditionCompiler.Options, context: null, System.Globalization.CultureInfo.InvariantCulture, FiniteArithmetic.Factory);
            foreach (var name in compiled.Names)
            {
                var captured = name;
                _expression.DynamicParameters[name] = _ => _current!.Resolve(captured);
            }
            Bind(_expression, () => _current!);
        }

        public bool Run(EvaluationScope scope, bool fast)
        {
            if (fast && _fast.Evaluate(scope) is { } answer) return answer;
            // A condition cannot call itself (conditions name probes and params, never conditions), so the scope of
            // the call in progress is never overwritten by a nested one; it is let go afterwards, not kept alive.
            var outer = _current;
            _current = scope;
            try
            {
                return Evaluate(_compiled, _expression);
            }
            finally
            {
                _current = outer;
            }
        }
    }

    private static bool Evaluate(CompiledCondition compiled, Expression expression)
    {
        object? result;
        try
        {
            result = expression.Evaluate();
        }
        catch (EvaluationException e)
        {
            throw new EvaluationException($"'{compiled.Source.Text.Trim()}': {e.Message}");
        }
        catch (ArithmeticException e)
        {
            // Division by zero and overflow come from the playbook's own arithmetic: name the condition's place.
            throw new EvaluationException($"{compiled.Source.Start}: '{compiled.Source.Text.Trim()}': {e.Message}");
        }
        catch (Exception e) when (e is NCalcException or FormatException or InvalidCastException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            var inner = e.InnerException is EvaluationException ee ? ee.Message : e.Message;
            throw new EvaluationException($"'{compiled.Source.Text.Trim()}': {inner}");
        }
        return result is bool b ? b
            : throw new EvaluationException($"'{compiled.Source.Text.Trim()}' gave {Cell.Format(result)}, not true or false; compare it with > < == to a threshold");
    }

    internal static void Bind(Expression expression, Func<EvaluationScope> current)
    {
        var functions = expression.Functions;
        functions["rate"] = a => current().CounterPart(NameArgument(a, "rate"), rate: true);
        functions["delta"] = a => current().CounterPart(NameArgument(a, "delta"), rate: false);
        functions["count"] = a => current().Count(NameArgument(a, "count"));
        functions["sum"] = a => current().SumOf(NameArgument(a, "sum"));
        functions["maxof"] = a => current().MaxOf(NameArgument(a, "maxof"));
        functions["minof"] = a => current().MinOf(NameArgument(a, "minof"));
        functions["max"] = a => Math.Max(Number(a, 0, "max"), Number(a, 1, "max"));
        functions["min"] = a => Math.Min(Number(a, 0, "min"), Number(a, 1, "min"));
        functions["abs"] = a => Math.Abs(Number(a, 0, "abs"));
        functions["ratio"] = a => Number(a, 1, "ratio") is var d && d == 0 ? 0.0 : Number(a, 0, "ratio") / d;
        functions["among"] = a => a.Count == 2 && a[1] is Identifier column
            ? EvaluationScope.Among(current().Cells(column.Name), a.Evaluate(0))
            : throw new EvaluationException("among() takes a value and a table column, e.g. among(pid, full_listeners.pid)");
        functions["maxcount"] = a => current().LargestGroup(NameArgument(a, "maxcount"));
        functions["fired"] = a => a.Count == 1 && a.Evaluate(0) is string id
            ? current().Peers?.Fired(id) ?? false
            : throw new EvaluationException("fired() takes one playbook id in quotes, e.g. fired('nic-drops')");
        functions["explained"] = _ => current().Peers?.Explained() ?? false;
        functions["contains"] = a => EvaluationScope.Contains(a.Evaluate(0), a.Evaluate(1));
    }

    private static string NameArgument(FunctionData args, string function) =>
        args.Count == 1 && args[0] is Identifier id ? id.Name
            : throw new EvaluationException($"{function}() takes one probe name, e.g. {function}(listen_overflows)");

    private static double Number(FunctionData args, int index, string function)
    {
        if (index >= args.Count) throw new EvaluationException($"{function}() needs {index + 1} arguments");
        return args.Evaluate(index) switch
        {
            double d => d,
            int i => i,
            long l => l,
            decimal m => (double)m,
            var other => throw new EvaluationException($"{function}() needs numbers, got '{Cell.Format(other)}'"),
        };
    }
}
