using System.CommandLine;
using NetBufRules.Lint;
using NetBufRules.Params;
using NetBufRules.Validate;

namespace NetBufRules.Cli;

internal sealed partial class CliApp
{
    /// <summary>The params (and disabled ids) of --values files and --set assignments; null (said on stderr) when one cannot be read.</summary>
    private async Task<ParamOverrides?> ReadOverridesAsync(IEnumerable<string> valuesFiles, IEnumerable<string> assignments)
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
        return overrides;
    }

    /// <summary>
    /// Checks <paramref name="overrides"/> against every playbook the set loaded (selected or not); a values file naming
    /// a playbook or param nothing loaded has is a warning (an error with <paramref name="strict"/>). False when any is wrong.
    /// </summary>
    private async Task<bool> CheckOverridesAsync(ParamOverrides overrides, PlaybookSet set, bool strict)
    {
        var problems = overrides.Check(set.Loaded);
        foreach (var p in problems) await host.Error.WriteLineAsync(Primitives.HostText.Escape($"netbufrules: {p}")).ConfigureAwait(false);
        var warnings = overrides.Warnings(set.Loaded);
        foreach (var w in warnings)
            await host.Error.WriteLineAsync(Primitives.HostText.Escape($"netbufrules: {(strict ? "error" : "warning")} {Diagnostics.Codes.ValuesNotLoaded}: {w}")).ConfigureAwait(false);
        return problems.Count == 0 && (!strict || warnings.Count == 0);
    }

    /// <summary>
    /// The playbooks a run, fix or watch uses: reads --values and --set, loads the set with the selection (less what a
    /// profile disables) and checks the overrides against every playbook it loaded; null (said on stderr) when any step fails.
    /// </summary>
    private async Task<(IReadOnlyList<Model.Playbook> Playbooks, ParamOverrides Overrides)?> LoadWithOverridesAsync(
        SetOptions selection, ParseResult result, Option<string[]> values, Option<string[]> assignments)
    {
        var overrides = await ReadOverridesAsync(result.GetValue(values) ?? [], result.GetValue(assignments) ?? []).ConfigureAwait(false);
        if (overrides is null) return null;
        var strict = selection.IsStrict(result);
        var loaded = await LoadSetAsync(result.GetValue(selection.Paths) ?? [], result.GetValue(selection.Config), selection.Selection(result, overrides.Disabled), strict).ConfigureAwait(false);
        if (loaded is null || !await CheckOverridesAsync(overrides, loaded, strict).ConfigureAwait(false)) return null;
        return (loaded.Playbooks, overrides);
    }
}
