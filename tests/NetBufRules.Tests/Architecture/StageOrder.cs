namespace NetBufRules.Tests.Architecture;

/// <summary>
/// The engine's folders, lowest first: a folder may use only the folders before it. A new stage is one entry here, in
/// its place, and one line in the README's "Layout" (<see cref="ReadmeLayoutTests"/> checks both agree).
/// </summary>
internal static class StageOrder
{
    public static readonly string[] Folders =
    [
        "Primitives",
        "Diagnostics",
        "Model",
        "Policy",
        "Load",
        "Params",
        "Packs",
        "Compile",
        "Validate",
        "Probe",
        "Evaluate",
        "Render",
        "Report",
        "Pipeline",
        "Testing",
        "Lint",
        "Watch",
        "Fix",
        "Fleet",
        "Output",
    ];
}
