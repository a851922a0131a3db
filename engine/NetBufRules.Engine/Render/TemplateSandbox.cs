using System.Globalization;
using System.Runtime.CompilerServices;
using NetBufRules.Evaluate;
using NetBufRules.Model;
using NetBufRules.Primitives;
using NetBufRules.Probe;
using Scriban;
using Scriban.Runtime;

namespace NetBufRules.Render;

/// <summary>
/// Renders Scriban templates with only what a playbook may see: its params, its probe values, <c>rate.*</c> and
/// <c>delta.*</c> of its counters (a skipped probe is null), and a few functions. No builtins, no includes, strict variables, bounded loops and output.
/// </summary>
internal static class TemplateSandbox
{
    /// <summary>
    /// Iterations one loop may make: enough for every row a snapshot may hold (a fix template that walks the process
    /// table of a host with 12,000 processes hit the old 10,000 and made file-descriptors an error there); the time
    /// limit bounds the whole render.
    /// </summary>
    public const int LoopLimit = 2 * Probe.Recording.SnapshotBudget.SnapshotRows;

    /// <summary>Characters a template may produce.</summary>
    public const int OutputLimit = 256 * 1024;

    /// <summary>
    /// How long one render may take: CPU time of the rendering thread (<see cref="RenderBudget"/>), so a busy machine
    /// does not trip it. The loop and output limits bound the work of any single step, not of a template:
    /// 9,999 doublings of a string capped at the output limit stay inside both and took 10 s. The pack's templates
    /// take microseconds; a template that runs out of time is its finding's error, with its place.
    /// </summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(1);

    /// <summary>The functions templates may call.</summary>
    public static readonly IReadOnlyList<string> FunctionNames = ["max", "min", "round", "join", "size", "sumof", "maxof"];

    /// <summary>
    /// Renders <paramref name="template"/> against <paramref name="model"/>; throws <see cref="TemplateException"/>. A
    /// <paramref name="guard"/> sees every interpolated value first and stops the render at the one it names a problem for.
    /// </summary>
    public static string Render(Template template, ScriptObject model, Func<string, string?>? guard = null) => Render(template, () => model, guard);

    /// <summary>As above, asking for the model only when the template has code (plain text renders alike for every model).</summary>
    public static string Render(Template template, Func<ScriptObject> model, Func<string, string?>? guard = null) =>
        Constant(template) ?? RenderWith(template, model(), guard);

    /// <summary>
    /// The text of a template that is all text (no code block): what it renders to whatever the model, rendered once in
    /// the sandbox (limits and all) and kept; null for any template with code. A fleet renders the same 'ok' sentence
    /// for thousands of hosts.
    /// </summary>
    public static string? Constant(Template template) => Constants.GetValue(template, ConstantOf).Value;

    private static readonly ConditionalWeakTable<Template, StrongBox<string?>> Constants = new();

    private static StrongBox<string?> ConstantOf(Template template)
    {
        if (template.HasErrors || template.Page is not { FrontMatter: null, Body: { } body } || !body.Statements.All(s => s is Scriban.Syntax.ScriptRawStatement))
            return new(null);
        try
        {
            return new(RenderWith(template, new ScriptObject(), guard: null));
        }
        catch (TemplateException)
        {
            return new(null);
        }
    }

    /// <summary>Renders without the plain-text shortcut (<see cref="Constant"/> is held to it by tests).</summary>
    internal static string RenderWith(Template template, ScriptObject model, Func<string, string?>? guard)
    {
        // Building a context costs about 21 KB; a thread renders one template at a time, so it keeps the one its last
        // plain render left clean (taken while in use, so a render inside a render would build its own).
        var kept = guard is null ? t_idle : null;
        t_idle = null;
        var context = kept ?? Configure(guard is null ? new SandboxTemplateContext(SharedFunctions) : new Content.GuardedTemplateContext(SharedFunctions, guard));
        context.PushGlobal(model);
        var finished = false;
        using var clock = new RenderBudget();
        context.CancellationToken = clock.Token;
        try
        {
            var output = template.Render(context);
            finished = true;
            return output.Length > OutputLimit ? throw new TemplateException($"output is longer than {OutputLimit} characters") : output;
        }
        catch (Scriban.Syntax.ScriptRuntimeException e) when (!clock.Token.IsCancellationRequested)
        {
            throw new TemplateException(e.OriginalMessage, e.Span.Start.Line, e.Span.Start.Column);
        }
        catch (Exception e) when (clock.Token.IsCancellationRequested && e is Scriban.Syntax.ScriptRuntimeException or OperationCanceledException)
        {
            // Never an OperationCanceledException out of here: that would read as Ctrl-C and end the whole run.
            var at = (e as Scriban.Syntax.ScriptRuntimeException)?.Span.Start;
            throw new TemplateException($"the template {clock.Exceeded} (a loop that builds ever longer text?)", at?.Line ?? -1, at?.Column ?? -1);
        }
        finally
        {
            // Kept only as it was built: a render that failed may leave its partial output (or more) behind, so its
            // context is dropped; the model's assignments went to the model, which is popped.
            context.CancellationToken = CancellationToken.None;
            if (finished && guard is null)
            {
                context.PopGlobal();
                if (context is { GlobalCount: 1, OutputCount: 1, Output: StringBuilderOutput { Builder.Length: 0 } }) t_idle = (SandboxTemplateContext)context;
            }
        }
    }

    [ThreadStatic]
    private static SandboxTemplateContext? t_idle;

    private static TemplateContext Configure(TemplateContext context)
    {
        context.StrictVariables = true;
        context.LoopLimit = LoopLimit;
        context.RecursiveLimit = 20;
        context.LimitToString = OutputLimit;
        context.EnableRelaxedMemberAccess = false;
        return context;
    }

    /// <summary>
    /// The names a finding exposes to its templates; with <paramref name="read"/>, only those names (what the
    /// playbook's templates read, <see cref="Compile.TemplateNames.OfPlaybook"/>): a probe's table or record becomes
    /// Scriban objects only when a template reads it (a fleet host's nstat record has hundreds of fields, its process
    /// table hundreds of rows, and most templates read neither).
    /// </summary>
    public static ScriptObject Model(Finding finding, IReadOnlySet<string>? read = null)
    {
        bool Wanted(string name) => read is null || read.Contains(name);
        var model = new ScriptObject();
        foreach (var (name, value) in finding.Params)
        {
            if (Wanted(name)) model[name] = value;
        }
        var rates = new ScriptObject();
        var deltas = new ScriptObject();
        var counters = Wanted("rate") || Wanted("delta");
        // A skipped probe is null: "for x in probe" runs no loop and "if probe" is false.
        foreach (var name in finding.SkippedProbes.Select(p => p.Name))
        {
            if (Wanted(name)) model[name] = null;
        }
        foreach (var (name, value) in finding.Values)
        {
            if (Wanted(name)) model[name] = ToScript(value);
            if (!counters) continue;
            switch (value)
            {
                case ScalarValue { Rate: { } r, Delta: { } d }:
                    rates[name] = r;
                    deltas[name] = d;
                    break;
                case RecordValue record when record.Fields.Values.Any(f => f.Rate is not null):
                    var rateFields = new ScriptObject();
                    var deltaFields = new ScriptObject();
                    foreach (var (field, scalar) in record.Fields)
                    {
                        if (scalar.Rate is { } fr) rateFields[field] = fr;
                        if (scalar.Delta is { } fd) deltaFields[field] = fd;
                    }
                    rates[name] = rateFields;
                    deltas[name] = deltaFields;
                    break;
            }
        }
        if (Wanted("rate")) model["rate"] = rates;
        if (Wanted("delta")) model["delta"] = deltas;
        if (Wanted("explained_by")) model["explained_by"] = ExplanationModel.Of(finding.Explanation);
        model["status"] = finding.Status.ToString().ToLowerInvariant();
        model["playbook"] = new ScriptObject { ["id"] = finding.Playbook.Id, ["title"] = finding.Playbook.Title };
        return model;
    }

    /// <summary>
    /// A model shaped like a run's, built from the playbook alone (numbers are 1, tables have one row of every column),
    /// so a dry render finds undefined names before any host is probed: the run's own model of a <see cref="ShapedFinding"/>.
    /// </summary>
    public static ScriptObject ShapeModel(Playbook playbook, FindingStatus status) => Model(ShapedFinding.Of(playbook, status));

    private static object ToScript(ProbeValue value) => value switch
    {
        ScalarValue s => s.Value,
        RecordValue r => ToObject(r.Fields.ToDictionary(kv => kv.Key, kv => kv.Value.Value)),
        TableValue t => new ScriptArray(t.Rows.Select(row => (object)Row(t.Columns, row))),
        _ => "",
    };

    // A JSON row may lack a column (ip -d -j link gives "link" only for a veth whose peer shares the namespace): the
    // cell is null there, as a skipped probe is, since lint's dry render gives every column and a run must not fail.
    private static ScriptObject Row(IReadOnlyList<string> columns, IReadOnlyDictionary<string, object> row)
    {
        var obj = ToObject(row);
        foreach (var column in columns)
        {
            if (!obj.ContainsKey(column)) obj[column] = null;
        }
        return obj;
    }

    private static ScriptObject ToObject(IEnumerable<KeyValuePair<string, object>> cells)
    {
        var obj = new ScriptObject();
        foreach (var (k, v) in cells) obj[k] = v;
        return obj;
    }

    private static IEnumerable<double> Numbers(ScriptArray rows, string column) =>
        rows.OfType<ScriptObject>().Select(r => r.TryGetValue(column, out var v) ? v : null).OfType<double>();

    // Built once: the functions are stateless, and a template may not assign to them (the context is read-only for builtins).
    private static readonly ScriptObject SharedFunctions = Functions();

    private static ScriptObject Functions()
    {
        var functions = new ScriptObject();
        functions.SetValue("max", new SandboxFunction("max", 2, (c, a) => Math.Max(c.Number(a, 0), c.Number(a, 1))), readOnly: true);
        functions.SetValue("min", new SandboxFunction("min", 2, (c, a) => Math.Min(c.Number(a, 0), c.Number(a, 1))), readOnly: true);
        functions.SetValue("round", new SandboxFunction("round", 2, (c, a) => Math.Round(c.Number(a, 0), Math.Clamp(c.Convert<int>(a, 1), 0, 6))), readOnly: true);
        functions.SetValue("join", new SandboxFunction("join", 2, (c, a) =>
            string.Join(c.Text(a, 1), c.List(a, 0).Select(i => Cell.Format(i is double ? i : Convert.ToString(i, CultureInfo.InvariantCulture))))), readOnly: true);
        functions.SetValue("size", new SandboxFunction("size", 1, (c, a) => c.List(a, 0).Count), readOnly: true);
        functions.SetValue("sumof", new SandboxFunction("sumof", 2, (c, a) => Numbers(c.List(a, 0), c.Text(a, 1)).Sum()), readOnly: true);
        functions.SetValue("maxof", new SandboxFunction("maxof", 2, (c, a) => Numbers(c.List(a, 0), c.Text(a, 1)).DefaultIfEmpty(0).Max()), readOnly: true);
        functions.IsReadOnly = true;
        return functions;
    }
}
