using NetBufRules.Model;
using NetBufRules.Params;

namespace NetBufRules.Cli;

public sealed partial class CliApp
{
    /// <summary>The params of --values files and --set assignments, checked against the playbooks; null (said on stderr) when any is wrong.</summary>
    private async Task<ParamOverrides?> OverridesAsync(IEnumerable<string> valuesFiles, IEnumerable<string> assignments, IReadOnlyList<Playbook> playbooks)
    {
        var overrides = new ParamOverrides();
        try
        {
            foreach (var file in valuesFiles) overrides.AddValuesFile(file);
            foreach (var assignment in assignments) overrides.AddAssignment(assignment);
        }
        catch (ParamOverrideException e)
        {
            await host.Error.WriteLineAsync(Primitives.HostText.EscapeLines($"netbufrules: {e.Message}")).ConfigureAwait(false);
            return null;
        }
        var problems = overrides.Check(playbooks);
        foreach (var p in problems) await host.Error.WriteLineAsync(Primitives.HostText.Escape($"netbufrules: {p}")).ConfigureAwait(false);
        return problems.Count == 0 ? overrides : null;
    }
}
