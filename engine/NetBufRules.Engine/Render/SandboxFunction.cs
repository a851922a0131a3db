using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace NetBufRules.Render;

/// <summary>
/// A template function with a fixed number of arguments, converted the way Scriban converts them.
/// Written out rather than imported from a delegate: Scriban's import reflects over the delegate on every call
/// to <c>Import</c>, which is slow and does not survive ahead-of-time compilation.
/// </summary>
internal sealed class SandboxFunction(string name, int arity, Func<SandboxFunction.Call, ScriptArray, object> body) : IScriptCustomFunction
{
    public int RequiredParameterCount => arity;

    public int ParameterCount => arity;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), $"arg{index + 1}");

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        // Scriban checks the count against ParameterCount before calling ("Invalid number of arguments ...").
        return body(new Call(name, context, callerContext), arguments);
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new(Invoke(context, callerContext, arguments, blockStatement));

    /// <summary>One call's conversions; errors point at the call in the template.</summary>
    internal readonly record struct Call(string Name, TemplateContext Context, ScriptNode? Caller)
    {
        private Scriban.Parsing.SourceSpan Span => Caller?.Span ?? default;

        public double Number(ScriptArray args, int i) => Convert<double>(args, i);

        public string Text(ScriptArray args, int i) => Convert<string>(args, i) ?? "";

        public T Convert<T>(ScriptArray args, int i) => args[i] is null
            ? throw new ScriptRuntimeException(Span, $"{Name}: argument {i + 1} is null (a skipped probe?); guard it with 'if'")
            : Context.ToObject<T>(Span, args[i])!;

        public ScriptArray List(ScriptArray args, int i) => args[i] as ScriptArray
            ?? throw new ScriptRuntimeException(Span, $"{Name}: argument {i + 1} is not a list (a table probe)");
    }
}
