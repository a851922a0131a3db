using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Probe;

namespace NetBufRules.Lint;

/// <summary>What a probe with <c>each:</c> must be: read once, for a table probe of the same playbook that has no 'each' itself.</summary>
internal static class EachProbeRules
{
    public static void Check(Playbook playbook, DiagnosticBag bag)
    {
        var byName = playbook.Probes.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var probe in playbook.Probes.Where(p => p.Each is not null))
        {
            if (!byName.TryGetValue(probe.Each!, out var table) || table == probe)
                bag.Error(probe.Position, Codes.UnknownIdentifier, $"probe '{probe.Name}' has 'each: {probe.Each}', which is not another probe of this playbook",
                    Suggest.Hint(probe.Each!, [.. byName.Keys.Where(n => n != probe.Name)]));
            else if (table.Each is not null)
                bag.Error(probe.Position, Codes.InvalidValue, $"probe '{probe.Name}' runs for each row of '{table.Name}', which itself has 'each'", "name a probe that reads its table directly");
            if (probe.Counter)
                bag.Error(probe.Position, Codes.InvalidValue, $"probe '{probe.Name}' has 'each' and 'counter: true'", "a probe run per row is read once; count with its table probe instead");
            if (probe.Alternatives.All(a => EachProbe.Placeholders(a.Source).Count == 0))
                bag.Warning(probe.Position, Codes.InvalidValue, $"probe '{probe.Name}' has 'each' but its source names no {{column}}", "put the row's cell in the argv, e.g. [tc, -s, filter, show, dev, '{dev}', egress]");
        }
    }
}
