namespace NetBufRules.Policy;

/// <summary>
/// What the words of a repository tool's command may name. A tool a config allows is known only by its forms, and any
/// tool may pass a word on to a program it runs (sotruss, numactl and debconf run the program named after them) or
/// print the file it names (cpp, like the refused cat). So, by construction rather than by a list of such tools: a
/// value a playbook fills in may name no program on the probe PATH and no file or folder, and a form's own literal
/// words may name no file or folder outside /proc and /sys (probes read files with 'file:'). Probes run from '/', so
/// a relative path ("etc/passwd", "..") names a file too.
/// </summary>
internal static class RepositoryWords
{
    private static readonly char[] Separators = [' ', '\t', '(', ')', '[', ']', '|', '{', '}', '='];

    /// <summary>The check of a command that fit one of <paramref name="forms"/>: each word not written in a form is a playbook's value.</summary>
    public static Func<IReadOnlyList<string>, CommandRefusal?> Check(IReadOnlyList<CommandForm> forms)
    {
        var literal = forms.SelectMany(f => f.Text.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            .Where(w => !w.StartsWith('<')).ToHashSet(StringComparer.Ordinal);
        return argv =>
        {
            for (var i = 1; i < argv.Count; i++)
            {
                var word = argv[i];
                // A per-row placeholder ({dev}) is checked again once it is bound to a value.
                if (literal.Contains(word) || ArgumentKind.IsPlaceholder(word)) continue;
                if (ValueProblem(word) is { } why)
                    return new CommandRefusal(i, $"probe command '{string.Join(' ', argv)}' is not allowed: '{word}' {why}",
                        $"a value passed to a tool a repository config allows names no program and no file; if the config means it, write it into the form");
            }
            return null;
        };
    }

    /// <summary>Why a value <paramref name="word"/> may not be passed to a repository tool, or null.</summary>
    public static string? ValueProblem(string word)
    {
        foreach (var candidate in Candidates(word))
        {
            if (candidate.Contains('/') || candidate is "." or ".." or "~")
                return $"names a file or folder ({candidate}); read files with 'file:'";
            if (ProgramFamilies.Refusal(candidate) is { } refused)
                return $"names the program {candidate}, which {refused}: a tool that runs the words it is given would run it";
            if (OnPath(candidate) is { } file)
                return $"names the program {file}: a tool that runs the words it is given would run it";
        }
        return null;
    }

    /// <summary>Why a literal <paramref name="word"/> of a repository form may not be allowed, or null: a file or folder outside /proc and /sys.</summary>
    public static string? LiteralProblem(string word)
    {
        foreach (var candidate in Candidates(word))
        {
            if (!candidate.Contains('/') && candidate is not "." and not "..") continue;
            var slash = candidate.IndexOf('/', StringComparison.Ordinal);
            // "-f/etc/passwd" and "@/etc/passwd" name /etc/passwd to many tools; relative paths start at '/', the probes' folder.
            foreach (var path in slash > 0 ? [candidate, candidate[slash..]] : new[] { candidate })
            {
                var full = Path.GetFullPath(Path.Join("/", path));
                if (full is "/dev/null" or "/proc" or "/sys" || full.StartsWith("/proc/", StringComparison.Ordinal) || full.StartsWith("/sys/", StringComparison.Ordinal)) continue;
                if (File.Exists(full) || Directory.Exists(full))
                    return $"names the file or folder {full}, which a tool that prints the files it is given would print (probes read files with 'file:', only under /proc and /sys)";
            }
        }
        return null;
    }

    /// <summary>The word, and what follows its first '=' (an option's glued value: --file=/etc/shadow).</summary>
    private static IEnumerable<string> Candidates(string word)
    {
        yield return word;
        var eq = word.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0 && eq < word.Length - 1) yield return word[(eq + 1)..];
    }

    /// <summary>The program <paramref name="name"/> names on the system or probe PATH, or null.</summary>
    private static string? OnPath(string name) =>
        $"{ProbePath.System}:{ProbePath.Current}".Split(':', StringSplitOptions.RemoveEmptyEntries).Where(d => d.StartsWith('/'))
            .Select(d => Path.Join(d, name)).FirstOrDefault(File.Exists);
}
