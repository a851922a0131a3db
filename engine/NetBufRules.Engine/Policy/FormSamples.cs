namespace NetBufRules.Policy;

/// <summary>
/// Command lines a <see cref="CommandForm"/> accepts, enough of them that every word, alternative, bundled flag and
/// value of the form appears in at least one (not every combination): what a repository form is checked with against
/// a tool's read forms (<see cref="ReadOnlyTools"/>). A value stands for its kind by a plain example.
/// </summary>
internal static class FormSamples
{
    /// <summary>Command lines (program included) covering every part of <paramref name="form"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Of(CommandForm form) =>
        [.. Cover(form.Body).Select(words => (IReadOnlyList<string>)[form.Program, .. words])];

    private static List<List<string>> Cover(FormElement element) => element switch
    {
        LiteralElement literal => [[literal.Word]],
        ValueElement value => [[value.Prefix + Example(value.Kind)]],
        ClusterElement cluster => [.. cluster.Letters.Distinct().Select(c => new List<string> { "-" + cluster.Required + (cluster.Required.Contains(c, StringComparison.Ordinal) ? "" : c.ToString()) })],
        ChoiceElement choice => [.. (choice.Optional ? [[]] : new List<List<string>>()).Concat(choice.Alternatives.SelectMany(Cover))],
        RepeatElement repeat => [[], .. Cover(repeat.Item)],
        SequenceElement sequence => Sequence(sequence),
        _ => [[]],
    };

    // Variant i takes the i-th cover of each item (its last once it has no more), so each item's every cover is used.
    private static List<List<string>> Sequence(SequenceElement sequence)
    {
        var covers = sequence.Items.Select(Cover).ToList();
        var count = covers.Count == 0 ? 1 : covers.Max(c => c.Count);
        return [.. Enumerable.Range(0, count).Select(i => covers.SelectMany(c => c[Math.Min(i, c.Count - 1)]).ToList())];
    }

    private static string Example(string kind) => kind switch
    {
        "ifname" => "eth0",
        "sysctl" => "net.core.somaxconn",
        "pid" or "n" => "1",
        "time" => "today",
        "confname" => "PAGESIZE",
        _ => "x",
    };
}
