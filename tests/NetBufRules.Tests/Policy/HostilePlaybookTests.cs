using System.Text.RegularExpressions;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Policy;

/// <summary>
/// The hostile-input corpus (Golden/hostile/): every way a shared playbook tried to change, leak or escape the host,
/// each refused at load with exit 2, its file:line:col and a hint, pinned in a golden file beside it.
/// </summary>
public sealed partial class HostilePlaybookTests
{
    private static string Folder => Path.Combine(Repo.Golden, "hostile");

    public static TheoryData<string> Cases() =>
        [.. Directory.GetFiles(Folder, "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^[\w.-]+\.yaml:\d+:\d+: error NBR0(15|30): .+ \(hint: .+\)$", RegexOptions.Multiline)]
    private static partial Regex PlacedWithHint();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_playbook_is_refused_at_load_with_its_place_and_a_hint(string name)
    {
        var (code, output, error) = await CliRunner.Run("run", Path.Combine(Folder, name + ".yaml"), "--interval", "0");
        code.ShouldBe(2, error);
        output.ShouldBeEmpty();
        var lines = error.Replace(Folder + "/", "", StringComparison.Ordinal);
        GoldenFile.Match(Path.Combine(Folder, name + ".out.txt"), lines);
        PlacedWithHint().IsMatch(lines).ShouldBeTrue(lines);
        lines.ShouldEndWith("nothing was run\n");
    }

    [Fact]
    public async Task Lint_run_collect_and_test_refuse_the_same_hostile_playbooks()
    {
        var lint = await CliRunner.Run("lint", Folder);
        lint.ExitCode.ShouldBe(1);
        var refused = Directory.GetFiles(Folder, "*.yaml").Length;
        Regex.Count(lint.Out, @"error NBR0(15|30)").ShouldBeGreaterThanOrEqualTo(refused);
        (await CliRunner.Run("run", Folder, "--interval", "0")).ExitCode.ShouldBe(2);
        (await CliRunner.Run("test", Folder)).ExitCode.ShouldBe(2);
        var snapshot = Path.Combine(Path.GetTempPath(), $"nbr-h1-{Guid.NewGuid():N}.json");
        (await CliRunner.Run("collect", Folder, "-o", snapshot)).ExitCode.ShouldBe(2);
        File.Exists(snapshot).ShouldBeFalse();
    }
}
