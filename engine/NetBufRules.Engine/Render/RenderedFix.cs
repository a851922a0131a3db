namespace NetBufRules.Render;

/// <summary>A config drop-in ready to write: its path, its content and the command that applies it.</summary>
internal sealed record RenderedFix(string Path, string Content, IReadOnlyList<string> Then);
