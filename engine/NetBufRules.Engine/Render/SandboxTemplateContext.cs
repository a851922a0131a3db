using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace NetBufRules.Render;

/// <summary>
/// The sandbox's template context: an empty table (a list with no rows) is false, as a skipped probe (null) is, so
/// <c>{{ if table }}: {{ for r in table }}...</c> never writes a colon with nothing after it. Scriban's own rule makes
/// every non-null object true.
/// </summary>
internal class SandboxTemplateContext(ScriptObject builtins) : TemplateContext(builtins)
{
    /// <summary>False for an empty list; otherwise Scriban's rule.</summary>
    public override bool ToBool(SourceSpan span, object? value) =>
        value is not ScriptArray { Count: 0 } && base.ToBool(span, value);
}
