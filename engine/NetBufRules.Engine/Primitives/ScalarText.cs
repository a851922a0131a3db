using System.Globalization;

namespace NetBufRules.Primitives;

/// <summary>
/// The one rule that gives a scalar's text its type: a number (invariant culture, sign, decimals, exponent, surrounding
/// spaces), else <c>true</c>/<c>false</c> in any case, else text. A playbook, a values file, <c>--set</c>, the schema
/// check and probe output all type values through it, so "10" means the same number everywhere.
/// </summary>
internal static class ScalarText
{
    /// <summary>The number <paramref name="text"/> spells, or false; "NaN", "Infinity" and 1e999 read as non-finite numbers (callers refuse them).</summary>
    public static bool TryNumber(ReadOnlySpan<char> text, out double number)
    {
        // Most host values are plain counters: up to 15 ASCII digits are an integer a double holds exactly, so the
        // sum of their digits is what the general parser gives, at a fraction of its cost (every cell of every table).
        if (text.Length is > 0 and <= 15)
        {
            long value = 0;
            var i = 0;
            while (i < text.Length && text[i] is >= '0' and <= '9') value = value * 10 + (text[i++] - '0');
            if (i == text.Length)
            {
                number = value;
                return true;
            }
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>A written value typed: quoted text stays text ("10" is a string); plain text is a number, a bool or text.</summary>
    public static object Type(string text, bool quoted = false)
    {
        if (quoted) return text;
        if (TryNumber(text, out var number)) return number;
        // YAML's own spellings of NaN and the infinities: numbers (which callers refuse), never a threshold read as text.
        switch (text)
        {
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
        }
        if (bool.TryParse(text, out var flag)) return flag;
        return text;
    }

    /// <summary>
    /// A value read from a host, trimmed: a finite number when it starts like one (a digit, sign or point, so a word such
    /// as "NaN" or "Infinity" in a process name stays text), hexadecimal when <paramref name="hex"/>; never a bool.
    /// </summary>
    public static object Measured(ReadOnlySpan<char> text, bool hex = false, string? whole = null)
    {
        var t = text.Trim();
        if (hex && long.TryParse(t, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h)) return (double)h;
        // A number too large for a double (a forged 400-digit counter) stays text: as Infinity it gave NaN rates and
        // verdicts on them ("overflowed NaN times ... within the threshold"); as text, a condition on it is an error.
        if (t.Length > 0 && (char.IsDigit(t[0]) || t[0] is '-' or '+' or '.') && TryNumber(t, out var d) && double.IsFinite(d)) return d;
        return whole is not null && t.Length == whole.Length ? whole : t.ToString();
    }

    /// <summary>How a value prints in reports and messages: numbers without needless decimals.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        double d when Math.Abs(d) >= 1e15 || d == Math.Floor(d) => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
