using System.Globalization;

namespace NetBufRules.Probe;

/// <summary>Types raw text: a number when it reads as one, else the text.</summary>
public static class Cell
{
    public static object Parse(string text, bool hex = false) => Parse(text.AsSpan(), hex, text);

    /// <summary>Like <see cref="Parse(string, bool)"/> for a slice of a larger text: a string is made only for text cells.</summary>
    public static object Parse(ReadOnlySpan<char> text, bool hex = false) => Parse(text, hex, null);

    private static object Parse(ReadOnlySpan<char> text, bool hex, string? whole)
    {
        var t = text.Trim();
        if (hex && long.TryParse(t, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h)) return (double)h;
        if (t.Length > 0 && (char.IsDigit(t[0]) || t[0] is '-' or '+' or '.')
            && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        return whole is not null && t.Length == whole.Length ? whole : t.ToString();
    }

    /// <summary>How a value prints in reports: numbers without needless decimals.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        double d when Math.Abs(d) >= 1e15 || d == Math.Floor(d) => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
