namespace NetBufRules.Probe;

/// <summary>
/// What one read of a source gave: output, exit code, time, or why it could not be read. A built-in source that reads
/// structured data (the process table) gives it as <see cref="Table"/>, typed cells that never pass through text.
/// </summary>
internal sealed record RawOutput(
    DateTimeOffset Time,
    string Stdout,
    string Stderr = "",
    int? ExitCode = 0,
    ReadFailure Failure = ReadFailure.None,
    string? FailureMessage = null,
    bool Truncated = false,
    TableValue? Table = null)
{
    public bool Succeeded => Failure == ReadFailure.None;

    public static RawOutput Failed(DateTimeOffset time, ReadFailure failure, string message, string stderr = "", int? exitCode = null) =>
        new(time, "", stderr, exitCode, failure, message);
}

/// <summary>Why a source gave no usable output.</summary>
internal enum ReadFailure
{
    None,
    NotFound,
    PermissionDenied,
    Timeout,
    NonZeroExit,
    Other,

    /// <summary>A replay has no recording of this source (not a fact about the host).</summary>
    NotRecorded,

    /// <summary>
    /// The command could not be started with the probe's privileges (setpriv could not change uid or capabilities):
    /// not a fact about the host either, but about how netbufrules runs there; the finding is an error, never ok.
    /// </summary>
    PrivilegeDrop,
}
