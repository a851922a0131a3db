using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace NetBufRules.Render.Content;

/// <summary>
/// A template context that checks every interpolated value (each <c>{{ expression }}</c> written to the output, never
/// the template's own literal text) before it is written, and stops the render at the expression that failed.
/// </summary>
internal sealed class GuardedTemplateContext(ScriptObject builtins, Func<string, string?> problem) : TemplateContext(builtins)
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is not null && problem(ObjectToString(textAsObject) ?? "") is { } why)
            throw new ScriptRuntimeException(span, why);
        return base.Write(span, textAsObject);
    }
}
