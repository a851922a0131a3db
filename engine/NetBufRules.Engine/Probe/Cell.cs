using NetBufRules.Primitives;

namespace NetBufRules.Probe;

/// <summary>Types raw text a probe read (<see cref="ScalarText.Measured"/>): a number when it reads as one, else the text.</summary>
internal static class Cell
{
    public static object Parse(string text, bool hex = false) => ScalarText.Measured(text.AsSpan(), hex, text);

    /// <summary>Like <see cref="Parse(string, bool)"/> for a slice of a larger text: a string is made only for text cells.</summary>
    public static object Parse(ReadOnlySpan<char> text, bool hex = false) => ScalarText.Measured(text, hex);

    /// <summary>How a value prints in reports: numbers without needless decimals (<see cref="ScalarText.Format"/>).</summary>
    public static string Format(object? value) => ScalarText.Format(value);
}
