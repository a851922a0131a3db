using System.Globalization;

namespace NetBufRules.Render.Content;

/// <summary>
/// What a value interpolated into a fix (<c>{{ ... }}</c>) may contain. Host data (a process or unit name) is set by any
/// user, so a value must not be able to start a new line of the file or a new segment of its path.
/// </summary>
internal static class InterpolationGuard
{
    /// <summary>The longest value a path segment may take (a file name on Linux).</summary>
    public const int MaxSegment = 255;

    /// <summary>Why <paramref name="value"/> may not be written into a fix file, or null when it may.</summary>
    public static string? ContentProblem(string value)
    {
        foreach (var c in value)
        {
            if (Unprintable(c)) return $"an interpolated value contains the control character U+{(int)c:X4} ({Shown(value)}); it could add a line to the file";
        }
        return null;
    }

    /// <summary>Why <paramref name="value"/> may not be part of a fix path, or null when it may.</summary>
    public static string? PathProblem(string value)
    {
        if (ContentProblem(value) is { } problem) return problem.Replace("add a line to the file", "change the path", StringComparison.Ordinal);
        if (value.Length == 0) return "an interpolated path value is empty";
        if (value.Length > MaxSegment) return $"an interpolated path value is longer than {MaxSegment} characters";
        if (value.Contains("..", StringComparison.Ordinal)) return $"an interpolated path value contains '..' ({Shown(value)})";
        foreach (var c in value)
        {
            if (!SegmentChar(c))
                return $"an interpolated path value contains {(char.IsWhiteSpace(c) ? "whitespace" : $"'{c}'")} ({Shown(value)}); a path value may hold only letters, digits and : _ . @ \\ -";
        }
        return null;
    }

    /// <summary>A character that is a unit or user name's: letters, digits and <c>: _ . @ \ -</c> (systemd escapes as <c>\x2d</c>).</summary>
    public static bool SegmentChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '.' or '@' or '\\' or '-';

    /// <summary>Control characters, line and paragraph separators and invisible format characters (bidi overrides).</summary>
    public static bool Unprintable(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    /// <summary>
    /// The value quoted, cut at 60 characters. Its control and format characters are escaped where the message is
    /// written (HostText, once: escaping here too doubled the backslashes of every escape).
    /// </summary>
    public static string Shown(string value) => "'" + string.Concat(value.Take(60)) + (value.Length > 60 ? "..." : "") + "'";
}
