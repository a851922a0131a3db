using NetBufRules.Evaluate;
using NetBufRules.Load;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Render;
using NetBufRules.Report;

namespace NetBufRules.Tests.Support;

/// <summary>Runs the shipped pack against a recorded snapshot, optionally altered (a tool removed, an older kernel's output).</summary>
internal static class Replay
{
    public static Snapshot Load(string name) =>
        SnapshotJson.Read(name, File.ReadAllText(Path.Combine(Repo.Snapshots, name + ".json")));

    public static Snapshot Without(this Snapshot snapshot, Func<SnapshotSource, bool> drop) =>
        snapshot with { Sources = [.. snapshot.Sources.Where(s => !drop(s))] };

    public static Snapshot Replace(this Snapshot snapshot, string describe, params string[] samples) =>
        snapshot with
        {
            Sources = [.. snapshot.Sources.Select(s => s.Describe != describe ? s
                : s with { Samples = [.. s.Samples.Select((raw, i) => raw with { Stdout = samples[Math.Min(i, samples.Length - 1)] })] })],
        };

    public static async Task<IReadOnlyDictionary<string, RenderedFinding>> Run(Snapshot snapshot, ParamOverrides? overrides = null)
    {
        var playbooks = PlaybookLoader.Load([Repo.Playbooks]).Playbooks;
        var report = await DiagnosisPipeline.RunAsync(playbooks, overrides ?? new ParamOverrides(), new SnapshotSourceReader(snapshot),
            new ProbeRunOptions(TimeSpan.Zero), CliRunner.FixedHost);
        return report.Results.ToDictionary(r => r.Finding.Playbook.Id, StringComparer.Ordinal);
    }

    public static string Statuses(IReadOnlyDictionary<string, RenderedFinding> results) =>
        string.Join(" ", results.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={StatusWords.Of(r.Value.Status)}"));

    public static bool Is(this RenderedFinding finding, FindingStatus status) => finding.Status == status;
}
