using NetBufRules.Primitives;

namespace NetBufRules.Diagnostics;

/// <summary>The code for an input file refused by <see cref="BoundedFile"/>: a kernel file or a link is NBR191, its kind or size NBR050.</summary>
internal static class InputFileCode
{
    /// <summary>NBR191 for a kernel or device file or a link not followed, else NBR050.</summary>
    public static string Of(BoundedFileException refusal) => refusal.Untrusted ? Codes.InputFileRefused : Codes.FileTooLarge;
}
