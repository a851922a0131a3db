using System.Text;

namespace NetBufRules.Primitives;

/// <summary>
/// The literal texts every match of a playbook regex must contain (<c>": Killed process ("</c> in the OOM pattern), so
/// an output without one of them is known to have no match before the interpreted regex walks 100 KB of kernel log.
/// The reading is conservative: anything it does not fully understand (inline options, conditionals, alternation
/// around a literal, an optional group) contributes nothing, so it may find fewer literals than there are, never one
/// that a match could lack. Patterns are matched case-sensitively (RegexCache never sets IgnoreCase).
/// </summary>
internal static class RegexLiterals
{
    /// <summary>The literals required in every match of <paramref name="pattern"/>; empty when unsure.</summary>
    public static IReadOnlyList<string> Required(string pattern)
    {
        try
        {
            var i = 0;
            var (literals, alternation) = Sequence(pattern, ref i);
            return alternation || i != pattern.Length ? [] : [.. literals.Distinct(StringComparer.Ordinal).OrderByDescending(l => l.Length)];
        }
        catch (Exception e) when (e is UnsureException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return [];
        }
    }

    private sealed class UnsureException : Exception;

    /// <summary>Reads a sequence up to its closing parenthesis (not consumed) or the end; its literals, and whether it had an alternation.</summary>
    private static (List<string> Literals, bool Alternation) Sequence(string p, ref int i)
    {
        var literals = new List<string>();
        var run = new StringBuilder();
        var alternation = false;
        void Flush()
        {
            if (run.Length > 0) literals.Add(run.ToString());
            run.Clear();
        }
        while (i < p.Length && p[i] != ')')
        {
            var c = p[i];
            if (c == '|')
            {
                alternation = true;
                Flush();
                i++;
                continue;
            }
            if (c == '(')
            {
                var (inner, required) = Group(p, ref i);
                Flush();
                var min = Quantifier(p, ref i);
                if (required && min >= 1) literals.AddRange(inner);
                continue;
            }
            if (c == '[')
            {
                SkipClass(p, ref i);
                Flush();
                Quantifier(p, ref i);
                continue;
            }
            if (c is '.' or '^' or '$')
            {
                i++;
                Flush();
                Quantifier(p, ref i);
                continue;
            }
            if (c is '*' or '+' or '?' || (c == '{' && IsCountedQuantifier(p, i)))
                throw new UnsureException(); // a quantifier with nothing before it: not a pattern this reader follows
            char? literal;
            if (c == '\\')
            {
                if (i + 1 >= p.Length) throw new UnsureException();
                var e = p[i + 1];
                i += 2;
                if (char.IsAsciiLetterOrDigit(e))
                {
                    SkipEscapeArguments(p, e, ref i);
                    literal = null;
                }
                else
                {
                    literal = e;
                }
            }
            else
            {
                literal = c;
                i++;
            }
            if (literal is not { } ch)
            {
                Flush();
                Quantifier(p, ref i);
                continue;
            }
            var start = i;
            Quantifier(p, ref i);
            if (i != start)
            {
                // A repeated or optional character: the run before it stands, the character itself is not counted.
                Flush();
                continue;
            }
            run.Append(ch);
        }
        Flush();
        return (alternation ? [] : literals, alternation);
    }

    /// <summary>Reads a group from its '(' through its ')'; its literals and whether they must appear when the group does.</summary>
    private static (List<string> Literals, bool Required) Group(string p, ref int i)
    {
        i++; // (
        var required = true;
        if (i < p.Length && p[i] == '?')
        {
            var rest = p.AsSpan(i);
            if (rest.StartsWith("?:") || rest.StartsWith("?>")) i += 2;
            else if (rest.StartsWith("?=") || rest.StartsWith("?!") || rest.StartsWith("?<=") || rest.StartsWith("?<!"))
            {
                // A lookaround matches nothing itself; its text is not part of the match.
                i += rest.StartsWith("?<") ? 3 : 2;
                required = false;
            }
            else if (rest.StartsWith("?<") || rest.StartsWith("?'"))
            {
                var close = rest[1] == '<' ? '>' : '\'';
                var end = p.IndexOf(close, i + 2);
                if (end < 0) throw new UnsureException();
                i = end + 1;
            }
            else if (rest.StartsWith("?#"))
            {
                var end = p.IndexOf(')', i);
                if (end < 0) throw new UnsureException();
                i = end + 1;
                return ([], false);
            }
            else
            {
                throw new UnsureException(); // inline options, conditionals, balancing groups
            }
        }
        var (literals, alternation) = Sequence(p, ref i);
        if (i >= p.Length || p[i] != ')') throw new UnsureException();
        i++;
        return (literals, required && !alternation);
    }

    /// <summary>Skips a quantifier after an atom, if any; the fewest times it lets the atom match (1 when there is none).</summary>
    private static int Quantifier(string p, ref int i)
    {
        if (i >= p.Length) return 1;
        int min;
        switch (p[i])
        {
            case '*':
            case '?':
                min = 0;
                i++;
                break;
            case '+':
                min = 1;
                i++;
                break;
            case '{' when IsCountedQuantifier(p, i):
                var end = p.IndexOf('}', i);
                var digits = p.AsSpan(i + 1, end - i - 1);
                var comma = digits.IndexOf(',');
                min = int.TryParse(comma < 0 ? digits : digits[..comma], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
                i = end + 1;
                break;
            default:
                return 1;
        }
        if (i < p.Length && p[i] == '?') i++; // lazy
        return min;
    }

    /// <summary>Whether the '{' at <paramref name="at"/> starts {n}, {n,} or {n,m} (otherwise .NET reads it as a literal brace).</summary>
    private static bool IsCountedQuantifier(string p, int at)
    {
        var j = at + 1;
        var start = j;
        while (j < p.Length && char.IsAsciiDigit(p[j])) j++;
        if (j == start) return false;
        if (j < p.Length && p[j] == ',')
        {
            j++;
            while (j < p.Length && char.IsAsciiDigit(p[j])) j++;
        }
        return j < p.Length && p[j] == '}';
    }

    /// <summary>Skips a character class from its '[' through its ']' (escapes and subtractions included).</summary>
    private static void SkipClass(string p, ref int i)
    {
        var j = i + 1;
        if (j < p.Length && p[j] == '^') j++;
        if (j < p.Length && p[j] == ']') j++;
        var depth = 0;
        while (j < p.Length)
        {
            var c = p[j];
            if (c == '\\') j += 2;
            else if (c == '[' && p[j - 1] == '-')
            {
                depth++;
                j++;
            }
            else if (c == ']')
            {
                j++;
                if (depth-- == 0)
                {
                    i = j;
                    return;
                }
            }
            else j++;
        }
        throw new UnsureException();
    }

    /// <summary>Skips what follows an escape like \p{L}, \k&lt;name&gt;, \x41, \u0041, \cA or \12.</summary>
    private static void SkipEscapeArguments(string p, char escape, ref int i)
    {
        switch (escape)
        {
            case 'p' or 'P' when i < p.Length && p[i] == '{':
                {
                    var end = p.IndexOf('}', i);
                    i = end < 0 ? throw new UnsureException() : end + 1;
                    break;
                }
            case 'k' when i < p.Length && p[i] is '<' or '\'':
                {
                    var end = p.IndexOf(p[i] == '<' ? '>' : '\'', i);
                    i = end < 0 ? throw new UnsureException() : end + 1;
                    break;
                }
            case 'x':
                for (var n = 0; n < 2 && i < p.Length && char.IsAsciiHexDigit(p[i]); n++) i++;
                break;
            case 'u':
                for (var n = 0; n < 4 && i < p.Length && char.IsAsciiHexDigit(p[i]); n++) i++;
                break;
            case 'c':
                i++;
                break;
            case >= '0' and <= '9':
                while (i < p.Length && char.IsAsciiDigit(p[i])) i++;
                break;
        }
    }
}
