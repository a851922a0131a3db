namespace NetBufRules.Policy;

/// <summary>
/// One allowed shape of a probe's command line, written like a man page's synopsis:
/// <c>ip [-s|-d|-j]... link [(show|list) [dev] &lt;ifname&gt;]</c>. Words match as written; <c>&lt;kind&gt;</c> is a value
/// (see <see cref="ArgumentKind"/>), <c>--opt=&lt;kind&gt;</c> one glued to its option; <c>-{abc}</c> bundled short
/// flags (<c>-{abc:ab}</c>: must include a and b); <c>[...]</c> optional, <c>(a|b)</c> one of, <c>...</c> after an element
/// zero or more times. The first word is the program.
/// </summary>
internal sealed class CommandForm
{
    private readonly FormElement _root;

    private CommandForm(string text, string program, FormElement root)
    {
        Text = text;
        Program = program;
        _root = root;
    }

    /// <summary>The form as written.</summary>
    public string Text { get; }

    /// <summary>The program the form is for.</summary>
    public string Program { get; }

    /// <summary>The form's words after the program, parsed.</summary>
    public FormElement Body => _root;

    /// <summary>The form parsed from <paramref name="text"/>, or null with the reason in <paramref name="error"/>.</summary>
    public static CommandForm? Parse(string text, out string? error)
    {
        var tokens = Tokenize(text);
        error = null;
        if (tokens.Count == 0 || !IsPlainWord(tokens[0]))
        {
            error = "a form starts with the program's name, e.g. 'mytool --stats [--json]'";
            return null;
        }
        var index = 1;
        var body = ParseSequence(tokens, ref index, ref error);
        if (error is null && index < tokens.Count)
            error = tokens[index] == "|" ? "'|' outside brackets: write each alternative as its own form, or group it in (a|b)" : $"unexpected '{tokens[index]}'";
        return error is null ? new CommandForm(text, tokens[0], body) : null;
    }

    /// <summary>Whether <paramref name="argv"/> (program included) fits the form; otherwise how many words of it did.</summary>
    public bool Matches(IReadOnlyList<string> argv, out int furthest)
    {
        var progress = new MatchProgress();
        progress.Reached(argv.Count > 0 && argv[0] == Program ? 1 : 0);
        var full = argv.Count > 0 && argv[0] == Program && _root.Ends(argv, 1, progress).Contains(argv.Count);
        furthest = progress.Furthest;
        return full;
    }

    public override string ToString() => Text;

    private static bool IsPlainWord(string token) => token is not ("[" or "]" or "(" or ")" or "|" or "...") && !token.Contains('<') && !token.Contains('{');

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var word = new System.Text.StringBuilder();
        void Flush()
        {
            if (word.Length == 0) return;
            var w = word.ToString();
            word.Clear();
            if (w.Length > 3 && w.EndsWith("...", StringComparison.Ordinal))
            {
                tokens.Add(w[..^3]);
                tokens.Add("...");
            }
            else
            {
                tokens.Add(w);
            }
        }
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) Flush();
            else if (c is '[' or ']' or '(' or ')' or '|' && !InsideBraces(word)) { Flush(); tokens.Add(c.ToString()); }
            else word.Append(c);
        }
        Flush();
        return tokens;
    }

    // '|' and brackets inside -{...} or <...> belong to the word (not used today, but keeps the tokenizer honest).
    private static bool InsideBraces(System.Text.StringBuilder word)
    {
        var s = word.ToString();
        return (s.LastIndexOf('{') > s.LastIndexOf('}')) || (s.LastIndexOf('<') > s.LastIndexOf('>'));
    }

    private static SequenceElement ParseSequence(List<string> tokens, ref int index, ref string? error)
    {
        var items = new List<FormElement>();
        while (error is null && index < tokens.Count && tokens[index] is not ("|" or "]" or ")"))
        {
            var token = tokens[index++];
            FormElement? item = token switch
            {
                "[" => ParseChoice(tokens, ref index, "]", optional: true, ref error),
                "(" => ParseChoice(tokens, ref index, ")", optional: false, ref error),
                "..." => Fail(ref error, "'...' must follow an element"),
                _ => ParseWord(token, ref error),
            };
            if (item is null) break;
            if (index < tokens.Count && tokens[index] == "...")
            {
                index++;
                item = new RepeatElement(item);
            }
            items.Add(item);
        }
        return new SequenceElement(items);
    }

    private static ChoiceElement? ParseChoice(List<string> tokens, ref int index, string close, bool optional, ref string? error)
    {
        var alternatives = new List<FormElement>();
        while (true)
        {
            var sequence = ParseSequence(tokens, ref index, ref error);
            if (error is not null) return null;
            if (sequence.Items.Count == 0) return Fail(ref error, "an empty alternative") as ChoiceElement;
            alternatives.Add(sequence);
            if (index >= tokens.Count) return Fail(ref error, $"missing '{close}'") as ChoiceElement;
            var token = tokens[index++];
            if (token == close) return new ChoiceElement(alternatives, optional);
            if (token != "|") return Fail(ref error, $"'{token}' where '{close}' was expected") as ChoiceElement;
        }
    }

    private static FormElement? ParseWord(string token, ref string? error)
    {
        var open = token.IndexOf('<', StringComparison.Ordinal);
        if (open >= 0)
        {
            if (!token.EndsWith('>') || token.IndexOf('<', open + 1) >= 0)
                return Fail(ref error, $"'{token}': a value is written <kind> at the end of a word");
            var kind = token[(open + 1)..^1];
            var prefix = token[..open];
            if (!ArgumentKind.Exists(kind))
                return Fail(ref error, $"unknown value kind <{kind}>; known: {string.Join(", ", ArgumentKind.Descriptions.Keys.Select(k => $"<{k}>"))}");
            if (prefix.Length > 0 && !prefix.EndsWith('='))
                return Fail(ref error, $"'{token}': a glued value follows '=', e.g. --since=<time>");
            return new ValueElement(prefix, kind);
        }
        if (token.StartsWith("-{", StringComparison.Ordinal))
        {
            if (!token.EndsWith('}')) return Fail(ref error, $"'{token}': bundled flags are written -{{abc}}");
            var inner = token[2..^1].Split(':');
            if (inner.Length > 2 || inner[0].Length == 0 || !inner[0].All(char.IsAsciiLetterOrDigit) || (inner.Length == 2 && !inner[1].All(c => inner[0].Contains(c, StringComparison.Ordinal))))
                return Fail(ref error, $"'{token}': bundled flags are letters or digits, -{{abc}} or -{{abc:ab}} (a and b required, each one of abc)");
            return new ClusterElement(inner[0], inner.Length == 2 ? inner[1] : "");
        }
        if (token.Contains('{') || token.Contains('}') || token.Contains('>'))
            return Fail(ref error, $"'{token}' mixes a word with grammar signs");
        return new LiteralElement(token);
    }

    private static FormElement? Fail(ref string? error, string message)
    {
        error ??= message;
        return null;
    }
}
