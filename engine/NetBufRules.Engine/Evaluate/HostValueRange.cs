using NetBufRules.Probe;

namespace NetBufRules.Evaluate;

/// <summary>
/// A host value written as a number no double holds (a forged or corrupt 400-digit sysctl or counter) is kept as text
/// (<see cref="Primitives.ScalarText.Measured"/>); a condition that uses it is that finding's error, and the error
/// says what it is: the host's value out of range, not the playbook's arithmetic ("Arithmetic operation resulted in
/// an overflow" at the condition's line) or a probe that lacks 'counter: true'.
/// </summary>
internal static class HostValueRange
{
    /// <summary>Whether <paramref name="value"/> is the text of a whole or decimal number too large for a double.</summary>
    public static bool IsOutOfRange(object? value)
    {
        if (value is not string text || text.Length <= 15) return false;
        var digits = text.AsSpan(text[0] is '-' or '+' ? 1 : 0);
        var point = digits.IndexOf('.');
        if (digits.Length == 0 || !char.IsAsciiDigit(digits[0])) return false;
        for (var i = 0; i < digits.Length; i++)
        {
            if (!char.IsAsciiDigit(digits[i]) && i != point) return false;
        }
        return !Primitives.ScalarText.TryNumber(text, out var d) || !double.IsFinite(d);
    }

    /// <summary>Throws the host's error when <paramref name="value"/> (the value of <paramref name="name"/>) is out of range.</summary>
    public static object Checked(string name, object value) =>
        IsOutOfRange(value) ? throw Error(name, (string)value) : value;

    /// <summary>The error for <paramref name="name"/>'s out-of-range <paramref name="text"/>.</summary>
    public static EvaluationException Error(string name, string text) =>
        new($"the host's value of '{name}' is out of range: {text[..Math.Min(text.Length, 24)]}... ({text.Length} characters) is no number netbufrules can compute with; the host's output or the snapshot is at fault, not the playbook");

    /// <summary>The error when a row lacks <paramref name="name"/> because its counter column's value is out of range, or null.</summary>
    public static EvaluationException? MissingCounterPart(string name, IReadOnlyDictionary<string, object> row)
    {
        foreach (var suffix in new[] { CounterMath.DeltaSuffix, CounterMath.RateSuffix })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && row.TryGetValue(name[..^suffix.Length], out var cell) && IsOutOfRange(cell))
                return Error(name[..^suffix.Length], (string)cell);
        }
        return null;
    }
}
