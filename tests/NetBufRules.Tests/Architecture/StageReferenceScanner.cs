using System.Text.RegularExpressions;

namespace NetBufRules.Tests.Architecture;

/// <summary>
/// Finds, in C# source, every reference from one top-level folder of the engine to another: <c>using</c> directives
/// (aliases and <c>using static</c> included), fully qualified names (<c>NetBufRules.Report.JsonOutput</c>) and names
/// qualified from the shared root (<c>Probe.Cell</c> or <c>Probe.Extract.RegexCache</c>, which resolve inside any
/// <c>NetBufRules.*</c> namespace without a <c>using</c>). Comments are not references. Source rather than IL, so a
/// failure names the file and line to change.
/// </summary>
internal static partial class StageReferenceScanner
{
    [GeneratedRegex(@"^\s*namespace\s+NetBufRules((?:\.\w+)*)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+([A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"(?<![\w.])(?:global::)?NetBufRules\.(\w+)")]
    private static partial Regex FullyQualified();

    [GeneratedRegex(@"(?<![\w.:])[A-Z]\w*(?:\.[A-Z]\w*)+")]
    private static partial Regex DottedName();

    /// <summary>Every cross-folder reference in <paramref name="files"/> (paths relative to the engine project, '/'-separated).</summary>
    public static IReadOnlyList<StageReference> Scan(IReadOnlyList<(string Path, string Text)> files)
    {
        // Which types each namespace declares, so "Probe.Cell" is known to be a type and "Policy.Tools" (a property) is not.
        var types = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (_, text) in files)
        {
            if (NamespaceDeclaration().Match(text) is not { Success: true } ns) continue;
            var name = ns.Groups[1].Value.TrimStart('.');
            if (!types.TryGetValue(name, out var set)) types[name] = set = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match t in TypeDeclaration().Matches(StripComments(text))) set.Add(t.Groups[1].Value);
        }
        var folders = files.Select(f => FolderOf(f.Path)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var found = new List<StageReference>();
        foreach (var (path, text) in files)
        {
            if (FolderOf(path) is not { } from) continue;
            var lines = StripComments(text).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var targets = new HashSet<string>(StringComparer.Ordinal);
                foreach (Match m in FullyQualified().Matches(line)) targets.Add(m.Groups[1].Value);
                foreach (Match m in DottedName().Matches(line))
                {
                    var segments = m.Value.Split('.');
                    for (var k = segments.Length - 1; k >= 1; k--)
                    {
                        if (types.TryGetValue(string.Join('.', segments[..k]), out var declared) && declared.Contains(segments[k]))
                        {
                            targets.Add(segments[0]);
                            break;
                        }
                    }
                }
                foreach (var to in targets.Where(t => t != from && folders.Contains(t)).Order(StringComparer.Ordinal))
                    found.Add(new StageReference(path, i + 1, from, to, line.Trim()));
            }
        }
        return found;
    }

    /// <summary>The references that point to a folder later in <paramref name="order"/> than the one they are in.</summary>
    public static IReadOnlyList<StageReference> Backward(IReadOnlyList<StageReference> references, IReadOnlyList<string> order) =>
        [.. references.Where(r => IndexOf(order, r.To) > IndexOf(order, r.From))];

    /// <summary>The top-level folder of a path relative to the engine project, or null for a file at its root.</summary>
    public static string? FolderOf(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? path[..slash] : null;
    }

    private static int IndexOf(IReadOnlyList<string> order, string folder)
    {
        for (var i = 0; i < order.Count; i++)
            if (order[i] == folder) return i;
        return -1;
    }

    /// <summary>The text with // and /* */ comments blanked, line breaks kept; string literals are left alone (an interpolation is code).</summary>
    private static string StripComments(string text)
    {
        var chars = text.ToCharArray();
        var inString = false;
        var verbatim = false;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (inString)
            {
                if (c == '\\' && !verbatim) i++;
                else if (c == '"') inString = false;
                else if (c == '\n') inString = false;
                continue;
            }
            if (c == '"')
            {
                inString = true;
                verbatim = i > 0 && chars[i - 1] == '@';
                continue;
            }
            if (c == '\'' && i + 2 < chars.Length)
            {
                // A char literal: skip it so '"' does not open a string.
                var end = chars[i + 1] == '\\' ? text.IndexOf('\'', i + 2) : i + 2;
                if (end > 0 && end < chars.Length && chars[end] == '\'') i = end;
                continue;
            }
            if (c == '/' && i + 1 < chars.Length && chars[i + 1] == '/')
            {
                while (i < chars.Length && chars[i] != '\n') chars[i++] = ' ';
                i--;
            }
            else if (c == '/' && i + 1 < chars.Length && chars[i + 1] == '*')
            {
                while (i < chars.Length && !(chars[i] == '*' && i + 1 < chars.Length && chars[i + 1] == '/'))
                {
                    if (chars[i] != '\n') chars[i] = ' ';
                    i++;
                }
                if (i + 1 < chars.Length) chars[i] = chars[i + 1] = ' ';
                i++;
            }
        }
        return new string(chars);
    }
}
