using System.Text.Json;
using NetBufRules.Diagnostics;
using NetBufRules.Lint;
using NetBufRules.Load;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Cli;

/// <summary>
/// A pack's tests run wherever the pack is copied: snapshots are found in the pack, and a source can be declared
/// absent or failing without a hand-written snapshot.
/// </summary>
public sealed class SelfContainedPackTests : IDisposable
{
    private static readonly string TeamPack = Path.Combine(Repo.Root, "examples", "team-pack");
    private readonly string _root = Directory.CreateTempSubdirectory("nbr-ext-pack-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static void Copy(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_team_pack_passes_its_tests_after_being_copied_to_another_folder()
    {
        var copy = Path.Combine(_root, "elsewhere", "team-pack");
        Copy(TeamPack, copy);
        var (code, output, error) = await CliRunner.Run("test", copy, "--require-tests");
        error.ShouldBeEmpty();
        output.ShouldEndWith("11 passed, 0 failed\n", Case.Sensitive, output);
        code.ShouldBe(0);
        var lint = PlaybookLinter.Lint([copy]);
        lint.Diagnostics.ShouldBeEmpty(string.Join("\n", lint.Diagnostics));
    }

    [Fact]
    public void A_snapshot_named_outside_the_pack_is_found_in_the_pack_s_snapshots_folder_once_the_pack_is_moved()
    {
        // In the repository the test names ../../snapshots/x.json; the pack copied alone still finds snapshots/x.json.
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "pack", "snapshots")).FullName, "x.json"), "{}");
        File.WriteAllText(Path.Combine(_root, "pack", "pack.yaml"), "name: p\nsnapshots: snapshots\n");
        var tests = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "pack", "playbooks")).FullName, "q.test.yaml");
        var bag = new DiagnosticBag();
        NetBufRules.Testing.CaseSources.Snapshot(tests, "../../elsewhere/x.json", new SourcePosition(tests, 3, 15), bag)
            .ShouldBe(Path.Combine(_root, "pack", "snapshots", "x.json"));
        NetBufRules.Testing.CaseSources.Snapshot(tests, "x.json", new SourcePosition(tests, 3, 15), bag)
            .ShouldBe(Path.Combine(_root, "pack", "snapshots", "x.json"));
        bag.Items.ShouldBeEmpty();
    }

    [Fact]
    public void A_missing_snapshot_names_every_place_looked_and_one_outside_the_pack_is_a_warning()
    {
        File.WriteAllText(Path.Combine(_root, "outside.json"), "{}");
        Directory.CreateDirectory(Path.Combine(_root, "pack", "playbooks"));
        File.WriteAllText(Path.Combine(_root, "pack", "pack.yaml"), "name: p\n");
        var tests = Path.Combine(_root, "pack", "playbooks", "q.test.yaml");
        var bag = new DiagnosticBag();
        NetBufRules.Testing.CaseSources.Snapshot(tests, "gone.json", new SourcePosition(tests, 3, 15), bag);
        NetBufRules.Testing.CaseSources.Snapshot(tests, "../../outside.json", new SourcePosition(tests, 4, 15), bag);
        bag.Items.Select(d => d.ToString()).ShouldBe([
            $"{tests}:3:15: error NBR009: snapshot 'gone.json' does not exist (hint: looked in: {_root}/pack/playbooks/gone.json, {_root}/pack/snapshots/gone.json; the path is relative to the test file or to the pack's snapshots folder)",
            $"{tests}:4:15: warning NBR137: snapshot '../../outside.json' lies outside the pack ({_root}/pack), so a copy of the pack will not find it (hint: copy it into snapshots/ and name it relative to that folder)",
        ]);
    }

    [Fact]
    public async Task A_source_declared_absent_by_its_program_or_failing_with_a_permission_error_is_skipped_with_that_reason()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "t")).FullName;
        File.Copy(Path.Combine(Repo.Playbooks, "tcp-backlog.yaml"), Path.Combine(folder, "tcp-backlog.yaml"));
        File.WriteAllText(Path.Combine(folder, "tcp-backlog.test.yaml"), """
            tests:
              - name: without ss the listeners cannot be named, the counters still decide
                probes:
                  listen: ['{"kernel":{"TcpExtListenOverflows":1,"TcpExtListenDrops":1}}']
                  somaxconn: "4096"
                  syn_backlog: "2048"
                sources:
                  ss: { absent: true }
                expect: { status: ok, reason_contains: "ss -Hltnp does not exist here (the test says so)" }
              - name: a denied kernel read is a permission error
                probes:
                  listen: { fails: "nstat: Operation not permitted" }
                  syn_queue: { fails: "nstat: Operation not permitted" }
                  somaxconn: "4096"
                  syn_backlog: "2048"
                sources:
                  /proc/net/netstat: { absent: true }
                  ss: { fails: "Cannot open netlink socket: Permission denied" }
                expect: { status: ok, reason_contains: ["full_listeners: ss -Hltnp failed: Cannot open netlink socket: Permission denied", "nstat -asz --json failed: nstat: Operation not permitted"] }
            """);
        var (code, output, error) = await CliRunner.Run("test", folder);
        error.ShouldBeEmpty();
        output.ShouldEndWith("2 passed, 0 failed\n", Case.Sensitive, output);
        code.ShouldBe(0);
    }

    [Fact]
    public async Task Declaring_a_source_that_no_probe_reads_is_a_test_file_error_at_the_name()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "u")).FullName;
        File.Copy(Path.Combine(Repo.Playbooks, "tcp-backlog.yaml"), Path.Combine(folder, "tcp-backlog.yaml"));
        File.WriteAllText(Path.Combine(folder, "tcp-backlog.test.yaml"), "tests:\n  - name: typo\n    sources:\n      sss: { absent: true }\n    expect: { status: ok }\n");
        var (code, output, error) = await CliRunner.Run("test", folder);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain("tcp-backlog.test.yaml:4:7: error NBR011: test 'typo' gives source 'sss', which no probe of tcp-backlog reads (hint: ", Case.Sensitive, error);
        error.ShouldContain("did you mean 'ss'?", Case.Sensitive, error);
    }

    [Fact]
    public async Task Names_a_case_gives_that_its_playbook_lacks_are_each_an_error_at_the_name_in_test_and_in_lint()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "names")).FullName;
        File.Copy(Path.Combine(Repo.Playbooks, "tcp-backlog.yaml"), Path.Combine(folder, "tcp-backlog.yaml"));
        File.WriteAllText(Path.Combine(folder, "tcp-backlog.test.yaml"), """
            tests:
              - name: a probe name with a typo
                probes: { listn: "x" }
                expect: { status: ok }
              - name: a failing probe with a typo
                probes:
                  full_listener: { fails: "no" }
                expect: { status: ok }
              - name: a param that does not exist
                set: { min_somaxcon: 1 }
                expect: { status: fired }
              - name: a param of the playbook, named with its id
                set: { tcp-backlog.min_somaxconn: 1 }
                expect: { status: ok }
            """);
        var (code, output, error) = await CliRunner.Run("test", folder);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        var expected = new[]
        {
            "tcp-backlog.test.yaml:3:15: error NBR011: test 'a probe name with a typo' gives 'listn', which is not a probe of tcp-backlog (hint: did you mean 'listen'?)",
            "tcp-backlog.test.yaml:7:7: error NBR011: test 'a failing probe with a typo' gives 'full_listener', which is not a probe of tcp-backlog (hint: did you mean 'full_listeners'?)",
            "tcp-backlog.test.yaml:10:12: error NBR011: test 'a param that does not exist' sets 'min_somaxcon', which is not a param of tcp-backlog (hint: did you mean 'min_somaxconn'?)",
        };
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[(l.IndexOf("tcp-backlog.test.yaml", StringComparison.Ordinal))..]).ShouldBe(expected);
        var (lintCode, lintOutput, _) = await CliRunner.Run("lint", folder);
        lintCode.ShouldNotBe(0);
        foreach (var line in expected) lintOutput.ShouldContain(line, Case.Sensitive, lintOutput);
    }

    [Fact]
    public void A_declaration_that_says_nothing_or_two_things_is_a_test_file_error_at_its_place()
    {
        var bag = new DiagnosticBag();
        NetBufRules.Testing.TestFileParser.Parse("x.test.yaml", "tests:\n  - name: a\n    sources:\n      ss: { absent: false }\n      dmesg: { absent: true, fails: no }\n      ip: { gone: true }\n    expect: { status: ok }\n", bag);
        bag.Items.Select(d => $"{d.Position.Line}:{d.Position.Column} {d.Code}").ShouldBe(["4:21 NBR006", "5:14 NBR006", "6:13 NBR003"]);
    }

    public static TheoryData<string> TeamPackFiles() =>
        [.. Directory.GetFiles(Path.Combine(TeamPack, "playbooks"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(TeamPackFiles))]
    public void Every_team_pack_file_follows_its_schema_as_written(string file)
    {
        // The raw files, as an editor validates them through the modeline: an extending playbook needs only apiVersion and extends.
        var path = Path.Combine(TeamPack, "playbooks", file);
        var tree = YamlTreeReader.Read(path, File.ReadAllText(path), new DiagnosticBag())!;
        var known = new HashSet<(string, int)>();
        (file.EndsWith(".test.yaml", StringComparison.Ordinal) ? SchemaValidator.Validate(tree, Pack.FileFormatSchemaTests.TestSchema, known) : SchemaValidator.Validate(tree, known)).ShouldBeEmpty();
    }

    [Fact]
    public void The_team_pack_manifest_names_its_tests_and_snapshots_folders()
    {
        var pack = NetBufRules.Testing.PackFolder.Of(Path.Combine(TeamPack, "playbooks", "tcp-backlog.test.yaml")).ShouldNotBeNull();
        pack.Root.ShouldBe(TeamPack);
        pack.Snapshots.ShouldBe(Path.Combine(TeamPack, "snapshots"));
        Directory.GetFiles(pack.Snapshots, "*.json").ShouldAllBe(f => FileFormatSchema.IsSnapshot(f));
    }

    /// <summary>The snapshot schema, for the pack's own recordings.</summary>
    private static class FileFormatSchema
    {
        public static bool IsSnapshot(string file)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            return Pack.FileFormatSchemaTests.SnapshotSchema.Evaluate(json.RootElement).IsValid;
        }
    }
}
