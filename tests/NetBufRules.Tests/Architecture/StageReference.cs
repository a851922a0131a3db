namespace NetBufRules.Tests.Architecture;

/// <summary>A place where a file of one engine folder names a type or namespace of another.</summary>
internal sealed record StageReference(string File, int Line, string From, string To, string Text)
{
    public override string ToString() => $"{File}:{Line}: {From} -> {To}: {Text}";
}
