using System.Globalization;
using System.Text.RegularExpressions;

namespace NetBufRules.Render.Content;

/// <summary>
/// Numbers as the programs that read fix files parse them. The kernel parses a sysctl integer with base 0 (strtoul):
/// <c>010</c> is 8 and <c>0x10</c> is 16, so a check that reads the same text as decimal would compare another value
/// than the one applied. A fix therefore writes only canonical decimal; a file it replaces is read as the kernel does.
/// </summary>
internal static partial class CanonicalNumber
{
    /// <summary>
    /// Whether <paramref name="text"/> is plain decimal, the only form a fix writes: ASCII digits ('\d' would take any
    /// Unicode digit), no sign, no leading zero (the kernel reads 010 as 8), at most 19 digits (a long).
    /// </summary>
    public static bool IsPlainDecimal(string text) => PlainDecimal().IsMatch(text);

    [GeneratedRegex(@"^(?:0|[1-9][0-9]{0,18})$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainDecimal();

    /// <summary>The hint for a value that is a number, but not written as plain decimal.</summary>
    public const string Hint = "write plain decimal digits 0-9: no sign, leading zero, 0x, exponent, separator or other script's digits (the kernel reads a leading 0 as octal and 0x as hex)";

    /// <summary>Whether <paramref name="text"/> reads as an attempt at a number (so the message can say why it is not one).</summary>
    public static bool Looks(string text) =>
        text.Length > 0 && text.Any(char.IsDigit) && text.All(c => char.IsDigit(c) || c is '+' or '-' or '.' or ',' or '_' or 'e' or 'E' or 'x' or 'X' || char.IsAsciiHexDigit(c));

    /// <summary>" (the kernel reads it as N)" when the kernel would take <paramref name="text"/> as another number, else "".</summary>
    public static string KernelReading(string text) =>
        TryParseKernel(text, out var value) ? $" (the kernel reads it as {value.ToString(CultureInfo.InvariantCulture)})" : "";

    /// <summary>
    /// <paramref name="text"/> as the kernel's sysctl parser reads it: an optional sign, then <c>0x</c> hex, <c>0</c>
    /// octal or decimal, ASCII digits only, nothing after. False for anything else (the kernel refuses it).
    /// </summary>
    public static bool TryParseKernel(string text, out decimal value)
    {
        value = 0;
        var s = text.Trim(' ', '\t');
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        var radix = 10;
        if (s.Length > 2 && s[0] == '0' && s[1] is 'x' or 'X')
        {
            radix = 16;
            s = s[2..];
        }
        else if (s.Length > 1 && s[0] == '0')
        {
            radix = 8;
            s = s[1..];
        }
        if (s.Length == 0 || s.Length > 24) return false;
        foreach (var c in s)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix) return false;
            value = value * radix + digit;
        }
        if (negative) value = -value;
        return true;
    }
}
