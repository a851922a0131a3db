using System.Text;
using System.Text.RegularExpressions;

namespace NetBufRules.Packs;

/// <summary>
/// Shell-like globs for playbook ids (<c>tcp-*</c>) and paths (<c>tests/**</c>): <c>*</c> is any run of characters
/// but '/', <c>**</c> any run including '/', <c>?</c> one character; everything else is literal.
/// </summary>
internal sealed class Glob
{
    private readonly Regex _regex;

    private Glob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>Globs already built: a selection tests every playbook against the same few patterns.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Glob> Built = new(StringComparer.Ordinal);

    /// <summary>The glob of <paramref name="pattern"/>.</summary>
    public static Glob Of(string pattern) => Built.GetOrAdd(pattern, Build);

    private static Glob Build(string pattern)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" also matches no folder at all: tests/**/x.yaml matches tests/x.yaml.
                if (i + 2 < pattern.Length && pattern[i + 2] == '/')
                {
                    sb.Append("(?:.*/)?");
                    i += 2;
                }
                else
                {
                    sb.Append(".*");
                    i++;
                }
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }
        sb.Append('$');
        // Linear in the path's length whatever the pattern: "**/" written 25 times backtracked past any time limit.
        return new Glob(pattern, new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromMilliseconds(200)));
    }

    /// <summary>Whether <paramref name="text"/> matches the whole pattern.</summary>
    public bool IsMatch(string text) => _regex.IsMatch(text);

    /// <summary>Whether a relative path (with '/') or one of the folders it lies in matches: <c>tests</c> excludes all below it.</summary>
    public bool MatchesPathOrParent(string relativePath)
    {
        var path = relativePath.Replace('\\', '/').TrimEnd('/');
        while (path.Length > 0)
        {
            if (IsMatch(path)) return true;
            var slash = path.LastIndexOf('/');
            if (slash < 0) break;
            path = path[..slash];
        }
        return false;
    }

    public override string ToString() => Pattern;
}
