using System.Text;

namespace NetBufRules.Compile;

/// <summary>
/// NCalc identifiers cannot hold dots, so <c>tcp_mem.pressure</c> is rewritten to <c>[tcp_mem.pressure]</c>;
/// <see cref="ToOriginal"/> maps a column of the rewritten text back to the playbook's text.
/// </summary>
internal sealed class DottedNames
{
    private readonly List<int> _insertedAt = [];

    private DottedNames(string rewritten) => Rewritten = rewritten;

    public string Rewritten { get; private set; }

    /// <summary>Brackets every dotted name outside quotes and existing brackets.</summary>
    public static DottedNames Rewrite(string text)
    {
        var result = new DottedNames(text);
        var output = new StringBuilder(text.Length + 8);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                end = end < 0 ? text.Length : end + 1;
                output.Append(text, i, end - i);
                i = end;
            }
            else if (c == '[')
            {
                var end = text.IndexOf(']', i + 1);
                end = end < 0 ? text.Length : end + 1;
                output.Append(text, i, end - i);
                i = end;
            }
            else if (IsStart(c) && (i == 0 || !IsPart(text[i - 1])))
            {
                var j = i;
                while (j < text.Length && (IsPart(text[j]) || (text[j] == '.' && j + 1 < text.Length && IsStart(text[j + 1])))) j++;
                var word = text[i..j];
                if (word.Contains('.'))
                {
                    result._insertedAt.Add(i);
                    result._insertedAt.Add(j);
                    output.Append('[').Append(word).Append(']');
                }
                else
                {
                    output.Append(word);
                }
                i = j;
            }
            else
            {
                output.Append(c);
                i++;
            }
        }
        result.Rewritten = output.ToString();
        return result;
    }

    /// <summary>A 0-based offset in the rewritten text as an offset in the original.</summary>
    public int ToOriginal(int rewrittenOffset)
    {
        var shift = 0;
        foreach (var at in _insertedAt)
        {
            if (at + shift < rewrittenOffset) shift++;
        }
        return Math.Max(0, rewrittenOffset - shift);
    }

    private static bool IsStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
