using NetBufRules.Diagnostics;

namespace NetBufRules.Render;

/// <summary>A template that failed on lint's dry run: where, the diagnostic code (NBR014, NBR016, NBR023, NBR044) and what happened.</summary>
internal sealed record TemplateProblem(SourcePosition At, string Code, string Message);
