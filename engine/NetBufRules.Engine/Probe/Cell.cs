using System.Globalization;

namespace NetBufRules.Probe;

/// <summary>Types raw text: a number when it reads as one, else the text.</summary>
public static class Cell
{
    public static object Parse(string text, bool hex = false)
    {
        var t = text.Trim();
        if (hex && long.TryParse(t, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h)) return (double)h;
        if (t.Length > 0 && (char.IsDigit(t[0]) || t[0] is '-' or '+' or '.')
            && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        return t;
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
