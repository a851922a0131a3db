using System.Text.RegularExpressions;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Architecture;

/// <summary>The engine's folders only point forward (<see cref="StageOrder"/>) and namespaces follow folders.</summary>
public sealed partial class StageOrderTests
{
    private static string EngineRoot => Path.Combine(Repo.Root, "engine", "NetBufRules.Engine");

    internal static IReadOnlyList<(string Path, string Text)> EngineSources() =>
        [.. Directory.EnumerateFiles(EngineRoot, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(EngineRoot, f).Replace('\\', '/'))
            .Where(p => !p.StartsWith("obj/", StringComparison.Ordinal) && !p.StartsWith("bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(Path.Combine(EngineRoot, p))))];

    [Fact]
    public void No_engine_folder_uses_a_folder_that_comes_after_it()
    {
        var backward = StageReferenceScanner.Backward(StageReferenceScanner.Scan(EngineSources()), StageOrder.Folders);
        backward.ShouldBeEmpty(
            "each of these points to a later stage; move the shared type below both folders (StageOrder.Folders, lowest first):\n"
            + string.Join("\n", backward));
    }

    [Fact]
    public void Every_engine_folder_has_its_place_in_the_order()
    {
        var folders = Directory.EnumerateDirectories(EngineRoot).Select(Path.GetFileName).OfType<string>()
            .Where(d => d is not ("bin" or "obj")).Order(StringComparer.Ordinal).ToList();
        folders.Except(StageOrder.Folders).ShouldBeEmpty("a new folder needs its place in StageOrder.Folders and in the README's Layout");
    }

    [Fact]
    public void The_order_names_each_folder_once() =>
        StageOrder.Folders.Distinct(StringComparer.Ordinal).Count().ShouldBe(StageOrder.Folders.Length);

    [Fact]
    public void Every_file_declares_the_namespace_of_its_folder()
    {
        var wrong = new List<string>();
        foreach (var (path, text) in EngineSources())
        {
            var folder = Path.GetDirectoryName(path)!.Replace('\\', '/');
            var expected = "NetBufRules" + (folder.Length == 0 ? "" : "." + folder.Replace('/', '.'));
            var declared = Namespace().Matches(text).Select(m => m.Groups[1].Value).ToList();
            if (declared.Count != 1 || declared[0] != expected)
                wrong.Add($"{path}: namespace {(declared.Count == 0 ? "(none)" : string.Join(", ", declared))}, expected {expected}");
        }
        wrong.ShouldBeEmpty(string.Join("\n", wrong));
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
