namespace NetBufRules.Render.Content;

/// <summary>Why a fix may not write what it would: the line of the file (1-based; 0 for the path or the command), a code, a message and a hint.</summary>
internal sealed record ContentViolation(int Line, string Code, string Message, string Hint);
