using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Model;

namespace NetBufRules.Testing;

/// <summary>
/// The names a test case gives (outputs of probes and sources, <c>set</c> params) checked against its playbook before
/// anything runs: a name the playbook lacks is a mistake in the test file, reported at the name with a "did you mean",
/// as lint reports a playbook's (not a failed test, which would say the playbook is wrong).
/// </summary>
internal static class TestReferences
{
    /// <summary>Adds an error to <paramref name="bag"/> for each name of <paramref name="test"/> that <paramref name="playbook"/> lacks.</summary>
    public static void Check(PlaybookTest test, Playbook playbook, DiagnosticBag bag)
    {
        var probes = playbook.Probes.Select(p => p.Name).ToList();
        foreach (var name in test.ProbeOutputs.Keys.Concat(test.ProbeFailures.Keys).Distinct(StringComparer.Ordinal).Where(n => !probes.Contains(n, StringComparer.Ordinal)))
            bag.Error(PlaceOf(test, "probes", name), Codes.UnknownIdentifier, $"test '{test.Name}' gives '{name}', which is not a probe of {playbook.Id}",
                probes.Count == 0 ? $"{playbook.Id} has no probes" : Suggest.Hint(name, probes));
        var sources = SourceKeys(playbook);
        foreach (var name in test.SourceOutputs.Keys.Concat(test.SourceFailures.Keys).Distinct(StringComparer.Ordinal).Where(n => !sources.ContainsKey(n)))
            bag.Error(PlaceOf(test, "sources", name), Codes.UnknownIdentifier, $"test '{test.Name}' gives source '{name}', which no probe of {playbook.Id} reads",
                $"name a source as 'netbufrules explain {playbook.Id}' shows it, or a program's name alone; {Suggest.Hint(name, [.. sources.Keys.Order(StringComparer.Ordinal)])}");
        var parameters = playbook.Params.Select(p => p.Name).ToList();
        foreach (var name in test.Set.Keys.Where(n => playbook.Param(n) is null && !(n.StartsWith(playbook.Id + ".", StringComparison.Ordinal) && playbook.Param(n[(playbook.Id.Length + 1)..]) is not null)))
            bag.Error(PlaceOf(test, "set", name), Codes.UnknownIdentifier, $"test '{test.Name}' sets '{name}', which is not a param of {playbook.Id}",
                parameters.Count == 0 ? $"{playbook.Id} has no params" : Suggest.Hint(name, parameters));
    }

    /// <summary>
    /// The names a case may give a source by, each with the sources it names: as explain shows one, or a program's name
    /// alone for every command of that program (explain's name wins where both spell the same).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> SourceKeys(Playbook playbook)
    {
        var sources = playbook.Probes.SelectMany(p => p.Alternatives).Select(a => a.Source).DistinctBy(s => s.Key).ToList();
        var keys = sources.OfType<CommandSource>().GroupBy(c => c.Argv[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(c => c.Key)], StringComparer.Ordinal);
        foreach (var source in sources) keys[source.Describe()] = [source.Key];
        return keys;
    }

    private static SourcePosition PlaceOf(PlaybookTest test, string section, string name) => test.Places.GetValueOrDefault((section, name), test.Position);
}
