using NetBufRules.Model;

namespace NetBufRules.Packs;

/// <summary>
/// Which loaded playbooks a command runs: <c>--only</c> globs (any may match), <c>--skip</c> globs, <c>--tags</c> (any
/// tag may match), and the ids a values file disables. Empty lists select everything.
/// </summary>
internal sealed record PlaybookSelection(IReadOnlyList<string> Only, IReadOnlyList<string> Skip, IReadOnlyList<string> Tags)
{
    /// <summary>Everything.</summary>
    public static PlaybookSelection All { get; } = new([], [], []);

    /// <summary>Id globs disabled by values files (a team's profile: <c>disable: [id, ...]</c>).</summary>
    public IReadOnlyList<string> Disabled { get; init; } = [];

    /// <summary>Whether nothing is left out.</summary>
    public bool IsAll => Only.Count == 0 && Skip.Count == 0 && Tags.Count == 0 && Disabled.Count == 0;

    /// <summary>Whether <paramref name="playbook"/> is selected.</summary>
    public bool Includes(Playbook playbook) => Includes(playbook.Id, playbook.Tags);

    /// <summary>Whether a playbook with <paramref name="id"/> and <paramref name="tags"/> is selected.</summary>
    public bool Includes(string id, IReadOnlyList<string> tags)
    {
        if (Only.Count > 0 && !Only.Any(g => Glob.Of(g).IsMatch(id))) return false;
        if (Skip.Any(g => Glob.Of(g).IsMatch(id))) return false;
        if (Disabled.Any(g => Glob.Of(g).IsMatch(id))) return false;
        return Tags.Count == 0 || Tags.Any(t => tags.Contains(t, StringComparer.Ordinal));
    }

    /// <summary>The <c>--only</c>, <c>--skip</c> and disable globs (with the option) that match none of <paramref name="ids"/>: a typo, said as a warning.</summary>
    public IEnumerable<(string Option, string Glob)> Unmatched(IReadOnlyCollection<string> ids) =>
        Only.Select(g => ("--only", g)).Concat(Skip.Select(g => ("--skip", g))).Concat(Disabled.Select(g => ("disable", g)))
            .Distinct().Where(g => !ids.Any(id => Glob.Of(g.Item2).IsMatch(id)));

    /// <summary>The <c>--tags</c> that no playbook of <paramref name="tags"/> carries.</summary>
    public IEnumerable<string> UnknownTags(IEnumerable<string> tags)
    {
        var known = tags.ToHashSet(StringComparer.Ordinal);
        return Tags.Where(t => !known.Contains(t));
    }
}
