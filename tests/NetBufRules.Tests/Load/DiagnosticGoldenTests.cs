using NetBufRules.Lint;
using NetBufRules.Load;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Load;

/// <summary>Each broken playbook in Golden/load sits beside the diagnostics it must produce (x.yaml -> x.out.txt).</summary>
public sealed class DiagnosticGoldenTests
{
    public static TheoryData<string> Cases() =>
        [.. Directory.GetFiles(Path.Combine(Repo.Golden, "load"), "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_broken_playbook_reports_every_problem_with_its_place(string name)
    {
        var folder = Path.Combine(Repo.Golden, "load");
        GoldenFile.Match(Path.Combine(folder, name + ".out.txt"), Diagnose(Path.Combine(folder, name + ".yaml"), folder));
    }

    [Fact]
    public void Each_golden_file_shows_the_diagnostic_code_it_is_named_after()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Golden, "load"), "NBR*.yaml"))
        {
            var code = Path.GetFileName(file)[..6];
            File.ReadAllText(Path.ChangeExtension(file, ".out.txt")).ShouldContain($" {code}: ", customMessage: file);
        }
    }

    [Fact]
    public void Two_playbooks_with_one_id_are_reported_where_the_second_one_is()
    {
        var folder = Path.Combine(Repo.Golden, "load-duplicate-ids");
        Diagnose(folder, folder).ShouldBe("b.yaml:1:1: error NBR007: duplicate playbook id 'same-id' (first in a.yaml) (hint: ids must be unique across everything loaded; rename one)\n");
    }

    [Fact]
    public void An_empty_folder_is_an_error_not_an_empty_report()
    {
        var empty = Directory.CreateTempSubdirectory("nbr-empty-").FullName;
        try
        {
            var result = PlaybookLoader.Load([empty]);
            result.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("NBR008");
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void A_missing_path_is_one_clear_error()
    {
        var result = PlaybookLoader.Load(["/no/such/dir"]);
        result.Diagnostics.ShouldHaveSingleItem().ToString()
            .ShouldBe("/no/such/dir:1:1: error NBR009: no such file or folder: '/no/such/dir' (hint: check the path; run without a path for the built-in pack)");
    }

    private static string Diagnose(string path, string relativeTo)
    {
        var loaded = PlaybookLoader.Load([path]);
        var all = loaded.Diagnostics.Concat(PlaybookValidator.Validate(loaded.Playbooks))
            .OrderBy(d => d.Position.File, StringComparer.Ordinal).ThenBy(d => d.Position.Line).ThenBy(d => d.Position.Column);
        return string.Concat(all.Select(d => d.ToString().Replace(relativeTo + "/", "", StringComparison.Ordinal) + "\n"));
    }
}
