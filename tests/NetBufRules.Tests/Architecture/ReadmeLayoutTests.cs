using System.Text.RegularExpressions;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Architecture;

/// <summary>The README's "Layout" lists the engine's folders in the order the architecture test enforces.</summary>
public sealed partial class ReadmeLayoutTests
{
    /// <summary>The folder names indented under the engine's line of the Layout block, in README order.</summary>
    internal static IReadOnlyList<string> LayoutFolders(string readme)
    {
        var section = readme[readme.IndexOf("## Layout", StringComparison.Ordinal)..];
        var lines = section.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("engine/NetBufRules.Engine/", StringComparison.Ordinal));
        if (start < 0) return [];
        var folders = new List<string>();
        foreach (var line in lines.Skip(start + 1))
        {
            if (!line.StartsWith(' ')) break;
            if (FolderLine().Match(line) is { Success: true } m) folders.Add(m.Groups[1].Value);
        }
        return folders;
    }

    [Fact]
    public void The_readme_layout_lists_the_enforced_order()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        LayoutFolders(readme).ShouldBe(StageOrder.Folders, "README.md's Layout must list StageOrder.Folders, one per line, in the same order");
    }

    [Fact]
    public void A_layout_out_of_order_is_noticed()
    {
        const string readme = "## Layout\n\n```\nengine/NetBufRules.Engine/   the library\n  Model/   x\n  Primitives/   y\nengine/NetBufRules.Cli/   z\n```\n";
        LayoutFolders(readme).ShouldBe(["Model", "Primitives"]);
        LayoutFolders(readme).ShouldNotBe(StageOrder.Folders);
    }

    [GeneratedRegex(@"^  ([A-Z]\w*)/\s")]
    private static partial Regex FolderLine();
}
