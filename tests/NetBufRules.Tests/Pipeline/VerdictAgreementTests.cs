using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Pipeline;

/// <summary>
/// lint, run and test start from the same playbook set, so they agree on which playbooks are valid: over every
/// playbook of the golden corpus and of the pack, a lint error, run refusing the file and test refusing it go together.
/// </summary>
public sealed class VerdictAgreementTests
{
    public static TheoryData<string> Files() => [.. Corpus()];

    private static IEnumerable<string> Corpus()
    {
        var golden = Directory.GetFiles(Repo.Golden, "*.y*ml", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".test.yaml", StringComparison.Ordinal));
        var pack = Directory.GetFiles(Repo.Playbooks, "*.yaml").Where(f => !f.EndsWith(".test.yaml", StringComparison.Ordinal));
        return golden.Concat(pack).Select(f => Path.GetRelativePath(Repo.Root, f)).Order(StringComparer.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Lint_run_and_test_agree_on_whether_a_playbook_is_valid(string relative)
    {
        var file = Path.Combine(Repo.Root, relative);
        var lint = await CliRunner.Run("lint", file);
        var lintRefuses = !lint.Out.Split('\n').Last(l => l.Length > 0).StartsWith("0 error(s)", StringComparison.Ordinal);
        lint.ExitCode.ShouldBe(lintRefuses ? 1 : 0, lint.Out);

        var snapshot = Path.Combine(Repo.Snapshots, "netns-healthy.json");
        var run = await CliRunner.Run("run", file, "--from", snapshot, "--format", "json");
        var test = await CliRunner.Run("test", file);

        (run.ExitCode == 2).ShouldBe(lintRefuses, $"lint {(lintRefuses ? "refuses" : "accepts")} {relative}; run said:\n{run.Error}");
        (test.ExitCode == 2).ShouldBe(lintRefuses, $"lint {(lintRefuses ? "refuses" : "accepts")} {relative}; test said:\n{test.Error}");
    }

    [Fact]
    public void The_corpus_holds_both_valid_and_invalid_playbooks()
    {
        // Agreement on a corpus of one kind would prove little.
        var files = Corpus().ToList();
        files.Count(f => f.StartsWith("playbooks/", StringComparison.Ordinal)).ShouldBeGreaterThan(10);
        files.Count(f => f.Contains("Golden/load/", StringComparison.Ordinal)).ShouldBeGreaterThan(10);
    }
}
