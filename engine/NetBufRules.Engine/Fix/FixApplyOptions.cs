namespace NetBufRules.Fix;

/// <summary>
/// How steps are applied: <see cref="Root"/> (null for the host) is where files go; under a root, <c>then</c> and the
/// verification do not run, since they would act on this host rather than on the image being built.
/// </summary>
internal sealed record FixApplyOptions(string? Root, string BackupDirectory, Action<string> Log)
{
    /// <summary>How long a <c>then</c> command may run.</summary>
    public TimeSpan ThenTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the verification may diagnose again before it fails and the fix is rolled back.</summary>
    public TimeSpan VerifyFor { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The pause between two verification runs.</summary>
    public TimeSpan VerifyPause { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where <c>then</c> programs are looked up: the system's folders, never the caller's PATH.</summary>
    public string ProgramPath { get; init; } = Policy.ProbePath.System;

    /// <summary>Whether <c>then</c> and the verification run (only on the host itself).</summary>
    public bool Live => Root is null;
}
