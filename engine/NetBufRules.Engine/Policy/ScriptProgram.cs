namespace NetBufRules.Policy;

/// <summary>
/// A repository config may allow only a compiled program, never a script. A script is its interpreter running code
/// (perl, python, sh), with the whole language at hand for what its arguments, environment and files ask: the tools
/// that turned out to run or print what a playbook names were scripts no family list knew (sotruss, debconf, pydoc3,
/// cpan, ptar, memusage, xtrace). Decided by the file itself ("#!"), so a wrapper script nobody listed is refused too.
/// </summary>
internal static class ScriptProgram
{
    /// <summary>Why <paramref name="file"/> (a resolved program) may not be a repository tool, or null when it is a compiled program.</summary>
    public static string? Refusal(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            Span<byte> head = stackalloc byte[128];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (read < 2 || head[0] != (byte)'#' || head[1] != (byte)'!') return null;
            var line = System.Text.Encoding.UTF8.GetString(head[..read]).Split('\n')[0].Trim();
            var shown = new string([.. line.Select(c => char.IsControl(c) ? '?' : c)]);
            return $"is a script ({file}: {shown}): its interpreter runs it with the whole language at hand, so what it does with its words no grammar can hold";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not readable, so not known to be compiled: refused, as every check here fails closed.
            return $"cannot be checked ({file}: {e.Message}), so it is not known to be a compiled program";
        }
    }
}
