namespace NetBufRules.Primitives;

/// <summary>
/// A file refused before or while reading it: not regular, or over its size limit; or, when <see cref="Untrusted"/>,
/// a kernel or device file or a link where links are not followed (never opened).
/// </summary>
internal sealed class BoundedFileException(string message, bool untrusted = false) : Exception(message)
{
    /// <summary>Refused as a kernel or device file, or a link not followed, rather than for its kind or size.</summary>
    public bool Untrusted { get; } = untrusted;
}
