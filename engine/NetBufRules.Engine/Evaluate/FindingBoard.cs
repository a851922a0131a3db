using NetBufRules.Model;

namespace NetBufRules.Evaluate;

/// <summary>
/// The verdicts of the findings evaluated so far in a run (or given by a playbook test), so that a later playbook's
/// <c>fired('id')</c> and <c>explained()</c> can read them. Playbooks run in dependency order (<see cref="FindingOrder"/>).
/// </summary>
internal sealed class FindingBoard
{
    private readonly Dictionary<string, FindingVerdict> _verdicts = new(StringComparer.Ordinal);

    /// <summary>An empty board: no other finding is known.</summary>
    public FindingBoard()
    {
    }

    /// <summary>A board holding <paramref name="verdicts"/> (a playbook test's <c>findings:</c>).</summary>
    public FindingBoard(IEnumerable<FindingVerdict> verdicts)
    {
        foreach (var verdict in verdicts) Add(verdict);
    }

    /// <summary>Records a finding's verdict; a later one with the same id replaces it.</summary>
    public void Add(FindingVerdict verdict) => _verdicts[verdict.Id] = verdict;

    /// <summary>
    /// When set, every id read is added to it: what a finding's evaluation asked of the board, so that a fleet replay
    /// can reuse a verdict on a host whose board answers the same (every read goes through <see cref="Get"/>).
    /// </summary>
    public List<string>? ReadLog { get; set; }

    /// <summary>The verdict of <paramref name="id"/>, or null when that playbook was not loaded (or not evaluated yet).</summary>
    public FindingVerdict? Get(string id)
    {
        ReadLog?.Add(id);
        return _verdicts.GetValueOrDefault(id);
    }

    /// <summary>
    /// Whether <paramref name="id"/> fired. A finding that was skipped, broke or was not loaded did not fire: it cannot
    /// explain anything, and <see cref="Explain"/> lists it as unchecked so a message can say so.
    /// </summary>
    public bool Fired(string id) => Get(id)?.Status == FindingStatus.Fired;

    /// <summary>What the findings in <paramref name="explainers"/> said, in their listed order.</summary>
    public Explanation Explain(IReadOnlyList<FindingReference> explainers)
    {
        if (explainers.Count == 0) return Explanation.None;
        var fired = new List<string>();
        var ruledOut = new List<string>();
        var notChecked = new List<string>();
        foreach (var id in explainers.Select(e => e.Id).Distinct(StringComparer.Ordinal))
        {
            switch (Get(id))
            {
                case null:
                    notChecked.Add($"{id} (not loaded)");
                    break;
                case { Status: FindingStatus.Fired }:
                    fired.Add(id);
                    break;
                case { Status: FindingStatus.Ok or FindingStatus.Advice, NotChecked: { } partly }:
                    ruledOut.Add($"{id} (partly; not checked: {partly})");
                    break;
                case { Status: FindingStatus.Ok or FindingStatus.Advice }:
                    ruledOut.Add(id);
                    break;
                case var other:
                    notChecked.Add($"{id} ({Why(other)})");
                    break;
            }
        }
        return new Explanation(fired, ruledOut, notChecked);
    }

    private static string Why(FindingVerdict verdict)
    {
        // A skipped finding's reason starts with the renderer's "could not be checked here: "; keep only the why.
        const string prefix = "could not be checked here: ";
        var reason = verdict.Reason.StartsWith(prefix, StringComparison.Ordinal) ? verdict.Reason[prefix.Length..] : verdict.Reason;
        var word = verdict.Status == FindingStatus.Error ? "error" : "skipped";
        return reason.Length == 0 ? word : $"{word}: {reason}";
    }
}
