using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace NetBufRules.Render.Content;

/// <summary>
/// A template context that checks every interpolated value (each <c>{{ expression }}</c> written to the output, never
/// the template's own literal text) before it is written, and stops the render at the expression that failed.
/// </summary>
internal sealed class GuardedTemplateContext(ScriptObject builtins, Func<string, string?> problem) : SandboxTemplateContext(builtins)
{
    // Scriban writes a statement's value with the span of the block around it; the statement's own span names the {{ }}.
    private SourceSpan? _statement;

    public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturn)
    {
        if (scriptNode is ScriptExpressionStatement) _statement = scriptNode.Span;
        return base.Evaluate(scriptNode, aliasReturn);
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is not null && problem(ObjectToString(textAsObject) ?? "") is { } why)
            throw new ScriptRuntimeException(_statement ?? span, why);
        return base.Write(span, textAsObject);
    }
}
