using System.Text.RegularExpressions;

namespace NetBufRules.Packs;

/// <summary>
/// The engine versions a pack needs (<c>engine: "&gt;=0.2.0, &lt;1.0.0"</c>): comma-separated comparisons
/// (<c>&gt;= &gt; &lt;= &lt; =</c>, none means <c>=</c>), all of which must hold.
/// </summary>
internal sealed partial record EngineRequirement(string Text, IReadOnlyList<(string Operator, SemanticVersion Version)> Terms)
{
    [GeneratedRegex(@"^\s*(>=|<=|>|<|==|=)?\s*(\S+)\s*$")]
    private static partial Regex Term();

    /// <summary>Parses <paramref name="text"/>; null with <paramref name="error"/> set when a term is not a comparison with a version.</summary>
    public static EngineRequirement? Parse(string text, out string? error)
    {
        var terms = new List<(string, SemanticVersion)>();
        foreach (var part in text.Split(','))
        {
            var m = Term().Match(part);
            var version = m.Success ? SemanticVersion.Parse(m.Groups[2].Value) : null;
            if (version is null)
            {
                error = $"'{part.Trim()}' is not a version comparison";
                return null;
            }
            terms.Add((m.Groups[1].Value is "" or "==" ? "=" : m.Groups[1].Value, version));
        }
        error = null;
        return new EngineRequirement(text.Trim(), terms);
    }

    /// <summary>Whether <paramref name="engine"/> satisfies every term.</summary>
    public bool IsSatisfiedBy(SemanticVersion engine) => Terms.All(t =>
    {
        var c = engine.CompareTo(t.Version);
        return t.Operator switch { ">=" => c >= 0, ">" => c > 0, "<=" => c <= 0, "<" => c < 0, _ => c == 0 };
    });

    /// <summary>Whether the engine is too old (a lower bound fails) rather than too new (an upper bound fails).</summary>
    public bool NeedsNewer(SemanticVersion engine) => Terms.Any(t =>
        (t.Operator is ">=" or ">" or "=") && engine.CompareTo(t.Version) < 0);
}
