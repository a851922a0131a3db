namespace NetBufRules.Render.Content;

/// <summary>A sysctl a fix may set: how many integer fields it has and the largest value a field may take.</summary>
internal sealed record SysctlKey(string Name, int Fields, long Max, string Why);
