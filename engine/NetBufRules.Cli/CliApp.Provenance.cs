using System.Text;
using NetBufRules.Model;

namespace NetBufRules.Cli;

internal sealed partial class CliApp
{
    /// <summary>For an extended playbook: which base (and pack file) it builds on, what the extending file changed, and what comes from the base.</summary>
    internal static string Provenance(PlaybookOrigin origin)
    {
        var sb = new StringBuilder("\nWHERE IT COMES FROM\n");
        sb.Append($"  extends {string.Join(", which extends ", origin.Bases.Select(b => $"{b.Id} ({PackOfFile(b.File)})"))}\n");
        var changed = origin.Parts.Where(p => p.Changed).ToList();
        if (changed.Count > 0)
        {
            sb.Append($"  set by {PackOfFile(changed[0].At.File)}:\n");
            foreach (var part in changed) sb.Append($"    {part.Part}  ({part.At})\n");
        }
        foreach (var group in origin.Parts.Where(p => !p.Changed).GroupBy(p => p.At.File))
        {
            sb.Append($"  from {PackOfFile(group.Key)}:\n");
            foreach (var part in group) sb.Append($"    {part.Part}  (line {part.At.Line})\n");
        }
        return sb.ToString();
    }

    /// <summary>A file as a user finds it: the built-in pack's embedded files say so, a file of a pack (a folder with pack.yaml) names its pack.</summary>
    private static string PackOfFile(string file)
    {
        if (file.StartsWith("builtin:", StringComparison.Ordinal)) return $"the built-in pack, {file["builtin:".Length..]}";
        return Testing.PackFolder.Of(file) is { } pack ? $"pack {pack.Name}, {file}" : file;
    }
}
