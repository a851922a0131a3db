namespace NetBufRules.Probe.DropReasons;

/// <summary>
/// Reads one skb:kfree_skb line of trace_pipe. The reason is the name the kernel printed after <c>reason:</c> (the
/// enum's numbers differ between kernels, so no table is kept here); the location is the dropping function when the
/// kernel prints a symbol (<c>location=udp_queue_rcv_one_skb+0x1a3/0x4b0</c>), "-" when it prints a hashed pointer or
/// nothing.
/// </summary>
internal static class DropReasonLine
{
    private const string ReasonTag = " reason: ";
    private const string LocationTag = "location=";

    /// <summary>True for a kfree_skb line with a reason; <paramref name="location"/> is "-" when the line has no symbol.</summary>
    public static bool TryParse(ReadOnlySpan<char> line, out ReadOnlySpan<char> reason, out ReadOnlySpan<char> location)
    {
        reason = default;
        location = "-";
        var at = line.IndexOf(ReasonTag, StringComparison.Ordinal);
        if (at < 0) return false;
        reason = Token(line[(at + ReasonTag.Length)..]);
        if (reason.IsEmpty) return false;
        var loc = line[..at].IndexOf(LocationTag, StringComparison.Ordinal);
        if (loc >= 0)
        {
            var symbol = Token(line[(loc + LocationTag.Length)..at]);
            var plus = symbol.IndexOf('+');
            if (plus > 0) symbol = symbol[..plus];
            if (!symbol.IsEmpty && !IsPointer(symbol)) location = symbol;
        }
        return true;
    }

    private static ReadOnlySpan<char> Token(ReadOnlySpan<char> text)
    {
        text = text.TrimStart(' ');
        var end = text.IndexOfAny(' ', '\t', '\r');
        return end < 0 ? text : text[..end];
    }

    /// <summary>Kernels before 6.x print the location with %p: a (hashed) address names no function.</summary>
    private static bool IsPointer(ReadOnlySpan<char> symbol)
    {
        if (symbol.StartsWith("0x", StringComparison.Ordinal)) symbol = symbol[2..];
        foreach (var c in symbol)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }
}
