using NetBufRules.Diagnostics;

namespace NetBufRules.Model;

/// <summary>A threshold a team can override; its value is a double, a string or a bool.</summary>
internal sealed record ParamSpec(string Name, object Value, string? Comment, SourcePosition Position);
