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

    /// <summary>
    /// When every match of <paramref name="pattern"/> starts at a line start (it begins with <c>^</c>, multiline, with no
    /// alternation at its top level): the literals every match has on that first line, read up to the first part that
    /// could match a newline. Empty when not so or unsure. A match therefore starts at the start of a line holding them
    /// all, which lets <see cref="RegexScan"/> try only those lines.
    /// </summary>
    public static IReadOnlyList<string> FirstLine(string pattern)
    {
        try
        {
            if (pattern.Length < 2 || pattern[0] != '^') return [];
            var whole = 0;
            var (_, alternation) = Sequence(pattern, ref whole);
            if (alternation || whole != pattern.Length) return [];
            var literals = new List<string>();
            var run = new StringBuilder();
            void Flush()
            {
                if (run.Length > 0) literals.Add(run.ToString());
                run.Clear();
            }
            var i = 1;
            while (i < pattern.Length)
            {
                var start = i;
                if (!SingleLineAtom(pattern, ref i, out var literal)) break;
                var quantified = i;
                Quantifier(pattern, ref i);
                if (literal is { } ch && i == quantified) run.Append(ch);
                else Flush();
                if (start == i) throw new UnsureException();
            }
            Flush();
            return [.. literals.Distinct(StringComparer.Ordinal).OrderByDescending(l => l.Length)];
        }
        catch (Exception e) when (e is UnsureException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return [];
        }
    }

    /// <summary>
    /// Reads one atom at <paramref name="i"/> (not its quantifier); false, with <paramref name="i"/> unmoved, when it could
    /// match a newline or is not understood. <paramref name="literal"/> is the one character it matches, if it is one.
    /// </summary>
    private static bool SingleLineAtom(string p, ref int i, out char? literal, int depth = 0)
    {
        literal = null;
        var c = p[i];
        switch (c)
        {
            case '|' or ')' or '*' or '+' or '?':
                return false;
            case '{' when IsCountedQuantifier(p, i):
                return false;
            case '.' or '^' or '$':
                i++; // RegexCache never sets Singleline: '.' stops at a newline
                return true;
            case '[':
                {
                    var end = i;
                    SkipClass(p, ref end);
                    if (ClassMayMatchNewline(p.AsSpan(i, end - i))) return false;
                    i = end;
                    return true;
                }
            case '(':
                {
                    var end = i;
                    if (GroupMayMatchNewline(p, ref end, depth + 1)) return false;
                    i = end;
                    return true;
                }
            case '\\':
                {
                    var e = p[i + 1];
                    if (e == '\n') return false; // a backslash before a real line feed is a line feed
                    if (!char.IsAsciiLetterOrDigit(e))
                    {
                        literal = e;
                        i += 2;
                        return true;
                    }
                    // Word, digit and non-space classes, anchors and the control escapes other than \n; anything else
                    // (\s, \W, \D, \n, \p{..}, \x0A, backreferences) might be a newline, and \G means where the last
                    // match ended, which a match tried at a line start does not know.
                    if ("wdSbBAzZtrfvea".Contains(e, StringComparison.Ordinal))
                    {
                        i += 2;
                        return true;
                    }
                    return false;
                }
            case '\n':
                return false;
            default:
                literal = c;
                i++;
                return true;
        }
    }

    /// <summary>Whether a group (read from its '(' through its ')', <paramref name="i"/> left after it) might match a newline; unsure is true.</summary>
    private static bool GroupMayMatchNewline(string p, ref int i, int depth)
    {
        if (depth > MaxDepth) return true;
        i++; // (
        var rest = p.AsSpan(i);
        if (rest.StartsWith("?=") || rest.StartsWith("?!") || rest.StartsWith("?<=") || rest.StartsWith("?<!"))
        {
            // A lookaround consumes nothing: the match's text is not changed by what it looks at.
            var nesting = 0;
            i += rest.StartsWith("?<") ? 3 : 2;
            while (true)
            {
                var c = p[i];
                if (c == '\\') i += 2;
                else if (c == '[') SkipClass(p, ref i);
                else if (c == '(')
                {
                    nesting++;
                    i++;
                }
                else if (c == ')')
                {
                    i++;
                    if (nesting-- == 0) return false;
                }
                else i++;
            }
        }
        if (rest.StartsWith("?:") || rest.StartsWith("?>")) i += 2;
        else if (rest.StartsWith("?<") || rest.StartsWith("?'"))
        {
            var end = p.IndexOf(rest[1] == '<' ? '>' : '\'', i + 2);
            if (end < 0) return true;
            i = end + 1;
        }
        else if (rest.StartsWith("?")) return true; // inline options (?s), conditionals, comments: not followed
        while (p[i] != ')')
        {
            if (p[i] == '|')
            {
                i++;
                continue;
            }
            var start = i;
            if (!SingleLineAtom(p, ref i, out _, depth)) return true;
            Quantifier(p, ref i);
            if (start == i) return true;
        }
        i++;
        return false;
    }

    /// <summary>Whether a character class (its text from '[' through ']') might match a newline; unsure is true.</summary>
    private static bool ClassMayMatchNewline(ReadOnlySpan<char> c)
    {
        var negated = c.Length > 1 && c[1] == '^';
        var body = c[(negated ? 2 : 1)..^1];
        if (body.Contains("-[", StringComparison.Ordinal)) return true; // a subtraction: not followed
        var holdsNewline = false; // sure that \n is in the set
        var mayHoldNewline = false; // cannot rule it out
        for (var k = 0; k < body.Length; k++)
        {
            char? low;
            if (body[k] == '\\' && k + 1 < body.Length)
            {
                var e = body[++k];
                if (e is 'n' or 's' or 'W' or 'D') holdsNewline = true;
                if (!char.IsAsciiLetterOrDigit(e)) low = e;
                else
                {
                    if (!"wdStrfvea".Contains(e, StringComparison.Ordinal)) mayHoldNewline = true;
                    low = null;
                }
            }
            else low = body[k];
            if (low == '\n') holdsNewline = true;
            if (k + 2 < body.Length && body[k + 1] == '-')
            {
                // A range: it holds \n when it spans it; an escaped upper end is not followed.
                var high = body[k + 2];
                if (low is null || high == '\\' || (low <= '\n' && high >= '\n')) mayHoldNewline = true;
                k += 2;
            }
        }
        return negated ? !holdsNewline : holdsNewline || mayHoldNewline;
    }

    private sealed class UnsureException : Exception;

    /// <summary>How deep groups are followed: deeper nesting (a hostile 30,000-level pattern) is "unsure", never a stack overflow.</summary>
    private const int MaxDepth = 64;

    /// <summary>Reads a sequence up to its closing parenthesis (not consumed) or the end; its literals, and whether it had an alternation.</summary>
    private static (List<string> Literals, bool Alternation) Sequence(string p, ref int i, int depth = 0)
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
                var (inner, required) = Group(p, ref i, depth + 1);
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
    private static (List<string> Literals, bool Required) Group(string p, ref int i, int depth)
    {
        if (depth > MaxDepth) throw new UnsureException(); // groups nested deeper than any playbook needs: not followed (no stack overflow)
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
        var (literals, alternation) = Sequence(p, ref i, depth);
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
