using System.Xml.Linq;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Cli;

/// <summary>`netbufrules test`: the pack's own test files run here too.</summary>
public sealed class TestCommandTests
{
    [Fact]
    public async Task The_built_in_packs_test_files_all_pass()
    {
        var (code, output, error) = await CliRunner.Run("test", Repo.Playbooks, "--require-tests");
        error.ShouldBeEmpty();
        // A failure is a line that starts with FAIL; a case's name may say FAIL (NEIGH_CREATEFAIL in ip6_finish_output2).
        output.Split('\n').Where(l => l.StartsWith("FAIL ", StringComparison.Ordinal)).ShouldBeEmpty(output);
        output.ShouldContain(" passed, 0 failed\n");
        code.ShouldBe(0);
    }

    [Fact]
    public async Task Flipping_one_expectation_fails_with_expected_against_actual()
    {
        var (code, output, _) = await RunEdited("tcp-memory.test.yaml", "      status: skipped", "      status: ok");
        code.ShouldBe(1);
        output.ShouldContain("FAIL tcp-memory: skipped inside a network namespace, saying tcp_mem belongs to the host\n");
        output.ShouldContain("tcp-memory.test.yaml:17:5: status: expected ok, got skipped\n      reason: could not be checked here: tcp_mem:");
        output.ShouldContain(" passed, 1 failed\n");
    }

    [Fact]
    public async Task A_test_expecting_an_unknown_status_is_a_usage_error_with_its_place()
    {
        var (code, _, error) = await RunEdited("nic-drops.test.yaml", "expect: { status: ok }", "expect: { status: burning }");
        code.ShouldBe(2);
        error.ShouldContain("nic-drops.test.yaml:28:23: error NBR006: unknown status 'burning'");
    }

    [Fact]
    public async Task Playbooks_without_tests_are_listed_and_fail_with_require_tests()
    {
        // A folder holding a pack playbook without its .test.yaml beside it.
        var examples = Directory.CreateTempSubdirectory("nbr-untested-");
        try
        {
            File.Copy(Path.Combine(Repo.Playbooks, "neighbour-table.yaml"), Path.Combine(examples.FullName, "neighbour-table.yaml"));
            var listed = await CliRunner.Run("test", examples.FullName);
            listed.ExitCode.ShouldBe(0);
            listed.Out.ShouldContain("note: playbooks without tests: neighbour-table");
            var required = await CliRunner.Run("test", examples.FullName, "--require-tests");
            required.ExitCode.ShouldBe(1);
            required.Out.ShouldContain("error: playbooks without tests: neighbour-table");
        }
        finally
        {
            examples.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Junit_output_has_a_suite_per_playbook()
    {
        var (_, output, _) = await CliRunner.Run("test", Repo.Playbooks, "--format", "junit");
        var suites = XDocument.Parse(output).Root!.Elements("testsuite").ToList();
        suites.Select(s => (string)s.Attribute("name")!).ShouldBe(["file-descriptors", "memory-pressure", "multicast-limits", "neighbour-table", "netlink-drops", "nic-drops", "socket-buffers", "socket-option-memory", "tc-egress-drops", "tcp-backlog", "tcp-memory", "udp-datagram-too-large", "xfrm-policy"]);
        suites.Sum(s => (int)s.Attribute("failures")!).ShouldBe(0);
    }

    [Fact]
    public async Task Junit_output_writes_control_characters_in_a_name_or_a_failure_as_escapes_instead_of_crashing()
    {
        // XML 1.0 cannot hold an ESC at all: the writer threw and the run exited 70 with no report.
        var (code, output, error) = await RunEdited("tcp-backlog.test.yaml", "  - name: quiet on a healthy namespace\n    snapshot: ../examples/snapshots/netns-healthy.json\n    expect: { status: ok, fixes: 0 }",
            "  - name: \"quiet \\e[31m on a healthy namespace\"\n    snapshot: ../examples/snapshots/netns-healthy.json\n    expect: { status: ok, fixes: 0, reason_contains: \"\\x01\" }", "--format", "junit");
        code.ShouldBe(1, error);
        var failed = XDocument.Parse(output).Descendants("testcase").Single(t => ((string)t.Attribute("name")!).StartsWith("quiet \\x1b", StringComparison.Ordinal));
        ((string)failed.Attribute("name")!).ShouldBe("quiet \\x1b[31m on a healthy namespace");
        failed.Element("failure").ShouldNotBeNull().Value.ShouldContain("\\x01");
    }

    /// <summary>Runs `test` on a copy of the pack with one line of one test file changed.</summary>
    private static async Task<(int ExitCode, string Out, string Error)> RunEdited(string testFile, string from, string to, params string[] extra)
    {
        var folder = CopyPack();
        try
        {
            var file = Path.Combine(folder, "playbooks", testFile);
            var text = File.ReadAllText(file);
            text.ShouldContain(from);
            File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
            return await CliRunner.Run(["test", Path.Combine(folder, "playbooks"), .. extra]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A copy of playbooks/ and examples/snapshots/ (test files refer to ../examples/snapshots).</summary>
    private static string CopyPack()
    {
        var root = Directory.CreateTempSubdirectory("nbr-pack-").FullName;
        Copy(Repo.Playbooks, Path.Combine(root, "playbooks"));
        Copy(Repo.Snapshots, Path.Combine(root, "examples", "snapshots"));
        return root;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        // Pack tests replay snapshots from subfolders too (examples/snapshots/red-team/).
        foreach (var folder in Directory.GetDirectories(from)) Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}
