namespace NetBufRules.Policy;

/// <summary>
/// What one probe program may be asked: its allowed <see cref="Forms"/>, why known-dangerous words are refused (for the
/// hint), and the capabilities its reads need when it runs as root (see <see cref="ProbePrivileges"/>).
/// </summary>
internal sealed record ToolGrammar(string Program, IReadOnlyList<CommandForm> Forms, IReadOnlyDictionary<string, string> Dangers, IReadOnlyList<string> Capabilities)
{
    /// <summary>A grammar from form texts that are known to parse (the built-in ones).</summary>
    public static ToolGrammar Of(string program, string[] forms, IReadOnlyDictionary<string, string>? dangers = null, params string[] capabilities) =>
        new(program, [.. forms.Select(f => CommandForm.Parse(f, out var e) ?? throw new InvalidOperationException($"built-in form '{f}': {e}"))],
            dangers ?? new Dictionary<string, string>(StringComparer.Ordinal), capabilities);

    /// <summary>A check of a command that fits a form, for what a form cannot say (an argument that depends on the one before it).</summary>
    public Func<IReadOnlyList<string>, CommandRefusal?>? Also { get; init; }

    /// <summary>Null when <paramref name="argv"/> fits a form; otherwise the argument to blame and why.</summary>
    public CommandRefusal? Check(IReadOnlyList<string> argv)
    {
        var best = -1;
        CommandForm? nearest = null;
        foreach (var form in Forms)
        {
            if (form.Matches(argv, out var furthest)) return Also?.Invoke(argv);
            if (furthest > best) (best, nearest) = (furthest, form);
        }
        var index = Math.Min(best, argv.Count);
        var command = string.Join(' ', argv);
        var allowed = nearest is null ? "" : $"the nearest allowed form is '{nearest.Text}'";
        if (index >= argv.Count)
            return new CommandRefusal(argv.Count - 1, $"probe command '{command}' is incomplete for {Program}'s grammar", allowed);
        var word = argv[index];
        var danger = Danger(word);
        return new CommandRefusal(index,
            $"probe command '{command}' is not allowed: '{word}' does not fit {Program}'s read-only grammar" + (danger is { } d ? $" ({d.Word} {d.Why})" : ""),
            allowed);
    }

    /// <summary>What a refused word (or the flag in it to blame) would have done, when it is a known danger.</summary>
    private (string Word, string Why)? Danger(string word)
    {
        if (Dangers.TryGetValue(word, out var why)) return (word, why);
        var eq = word.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0 && Dangers.TryGetValue(word[..eq], out why)) return (word[..eq], why);
        if (word.Length > 1 && word[0] == '-' && word[1] != '-')
        {
            foreach (var c in word.AsSpan(1))
            {
                if (Dangers.TryGetValue("-" + c, out why)) return ("-" + c, why);
            }
        }
        return eq > 0 && Dangers.TryGetValue("=", out why) ? (word, why) : null;
    }
}
