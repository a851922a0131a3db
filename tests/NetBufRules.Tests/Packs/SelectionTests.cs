using System.Text.Json;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Packs;

/// <summary>--only, --skip, --tags and a values file that disables playbooks change what runs, on every command.</summary>
public sealed class SelectionTests
{
    private static readonly string Healthy = Path.Combine(Repo.Snapshots, "netns-healthy.json");

    private static List<string> Ids(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];

    private static List<string> Listed(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ')[0])];

    [Fact]
    public async Task Only_and_skip_take_id_globs()
    {
        var (code, output, error) = await CliRunner.Run("list", "--only", "tcp-*", "--skip", "tcp-memory");
        error.ShouldBeEmpty();
        code.ShouldBe(0);
        Listed(output).ShouldBe(["tcp-backlog"]);
    }

    [Fact]
    public async Task Skip_leaves_a_playbook_out_of_a_run_instead_of_being_read_as_a_path()
    {
        var (code, output, error) = await CliRunner.Run("run", "--skip", "tcp-backlog", "--from", Healthy, "--format", "json");
        error.ShouldBeEmpty();
        code.ShouldBeOneOf(0, 1);
        var ids = Ids(output);
        ids.ShouldNotContain("tcp-backlog");
        ids.ShouldContain("tcp-memory");
    }

    [Fact]
    public async Task Tags_select_playbooks_with_any_of_the_tags_given()
    {
        var (_, output, _) = await CliRunner.Run("list", "--tags", "oom,arp");
        Listed(output).ShouldBe(["memory-pressure", "neighbour-table"]);
        var (_, repeated, _) = await CliRunner.Run("list", "--tags", "oom", "--tags", "arp");
        Listed(repeated).ShouldBe(["memory-pressure", "neighbour-table"]);
    }

    [Fact]
    public async Task Lint_and_test_take_the_selection_too()
    {
        var lint = await CliRunner.Run("lint", Repo.Playbooks, "--only", "tcp-backlog");
        lint.Out.ShouldEndWith("in 1 file(s)\n");
        var test = await CliRunner.Run("test", Repo.Playbooks, "--only", "tcp-backlog");
        test.Out.Split('\n').Where(l => l.StartsWith("PASS ", StringComparison.Ordinal) || l.StartsWith("FAIL ", StringComparison.Ordinal))
            .ShouldAllBe(l => l.Contains(" tcp-backlog: ", StringComparison.Ordinal));
        test.ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task A_values_file_disables_playbooks_and_sets_params()
    {
        using var folder = new PackFolder();
        var values = folder.Write("team.yaml", """
            disable: [tcp-memory, nic-*]
            tcp-backlog: { min_somaxconn: 65535 }
            """);
        var (code, output, error) = await CliRunner.Run("run", "--values", values, "--from", Healthy, "--format", "json");
        error.ShouldBeEmpty();
        code.ShouldBeOneOf(0, 1);
        var ids = Ids(output);
        ids.ShouldNotContain("tcp-memory");
        ids.ShouldNotContain("nic-drops");
        ids.ShouldContain("tcp-backlog");
        // Report v2: the param is a threshold evidence item carrying its value.
        output.ShouldContain("\"param\": \"min_somaxconn\"");
        output.ShouldContain("\"value\": 65535");
    }

    [Fact]
    public async Task A_values_file_naming_a_playbook_not_loaded_is_a_warning_and_an_error_under_strict()
    {
        using var folder = new PackFolder();
        var values = folder.Write("team.yaml", "team-somaxconn: { min_somaxconn: 16384 }\ntcp-backlog: { min_somaxconn: 8192 }\n");

        var lenient = await CliRunner.Run("run", "--values", values, "--from", Healthy, "--format", "json");
        lenient.ExitCode.ShouldBeOneOf(0, 1);
        lenient.Error.ShouldStartWith($"netbufrules: warning NBR112: {values}:1:");
        lenient.Error.ShouldContain("no playbook 'team-somaxconn' is loaded");

        var strict = await CliRunner.Run("run", "--strict", "--values", values, "--from", Healthy);
        strict.ExitCode.ShouldBe(2);
        strict.Error.ShouldStartWith($"netbufrules: error NBR112: {values}:1:");
        strict.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_wrong_param_type_in_a_values_file_is_still_an_error()
    {
        using var folder = new PackFolder();
        var values = folder.Write("team.yaml", "tcp-backlog: { min_somaxconn: lots }\n");
        var (code, _, error) = await CliRunner.Run("run", "--values", values, "--from", Healthy);
        code.ShouldBe(2);
        error.ShouldContain("param 'min_somaxconn' takes a number");
    }

    [Fact]
    public async Task A_glob_that_matches_nothing_is_a_warning_that_strict_makes_an_error()
    {
        var lenient = await CliRunner.Run("list", "--skip", "tcp-backlogg");
        lenient.ExitCode.ShouldBe(0);
        lenient.Error.ShouldBe("netbufrules:1:1: warning NBR113: --skip 'tcp-backlogg' matches no loaded playbook (hint: did you mean 'tcp-backlog'?)\n");
        var strict = await CliRunner.Run("run", "--strict", "--skip", "tcp-backlogg", "--from", Healthy);
        strict.ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Collect_records_only_the_sources_of_the_selected_playbooks()
    {
        using var folder = new PackFolder();
        var output = Path.Combine(folder.Root, "snap.json");
        var reader = new FakeSourceReader();
        var (code, _, error) = await CliRunner.Run(reader, "collect", "--only", "tcp-backlog", "--interval", "0", "-o", output);
        code.ShouldBe(0, error);
        reader.Reads.Keys.ShouldContain("/proc/sys/net/core/somaxconn");
        reader.Reads.Keys.ShouldNotContain("/proc/net/softnet_stat");
        File.ReadAllText(output).ShouldNotContain("/proc/net/softnet_stat");
    }

    [Fact]
    public async Task Fix_plans_only_for_the_selected_playbooks()
    {
        var reader = new FakeSourceReader();
        var (code, output, error) = await CliRunner.Run(reader, "fix", "--skip", "*", "--interval", "0");
        // Nothing selected is said (nothing would be checked), and nothing is read or planned.
        error.ShouldStartWith("netbufrules:1:1: warning NBR113: the selection (--skip *) leaves none of the 13 loaded playbooks to run");
        code.ShouldBe(0);
        reader.Reads.ShouldBeEmpty();
        output.ShouldNotContain("tcp-backlog");
    }
}
