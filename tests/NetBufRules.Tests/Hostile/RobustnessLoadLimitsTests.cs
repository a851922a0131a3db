using System.Diagnostics;
using NetBufRules.Diagnostics;
using NetBufRules.Lint;
using NetBufRules.Load;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Hostile;

/// <summary>Playbooks built to exhaust the loader: each is refused at load with its place, fast, and the process lives.</summary>
public sealed class RobustnessLoadLimitsTests
{
    private static IReadOnlyList<Diagnostic> Parse(string text)
    {
        var bag = new DiagnosticBag();
        PlaybookParser.Parse("hostile.yaml", text, bag, out var root);
        if (root is not null) bag.AddRange(SchemaValidator.Validate(root, new HashSet<(string, int)>()));
        return bag.Items;
    }

    [Fact]
    public void A_hundred_thousand_levels_of_nesting_are_one_error_at_the_first_level_past_the_limit_not_a_stack_overflow()
    {
        var text = "probes: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var diagnostics = Parse(text);
        var deep = diagnostics.ShouldHaveSingleItem();
        deep.Code.ShouldBe(Codes.YamlTooDeep);
        // The top-level map is the first level: the 40th bracket is the 41st level.
        deep.Position.ShouldBe(new SourcePosition("hostile.yaml", 1, 9 + 39));
        deep.Message.ShouldContain("more than 40 levels");
    }

    [Fact]
    public void Block_style_nesting_past_the_limit_is_refused_too()
    {
        var lines = Enumerable.Range(0, 60).Select(i => new string(' ', 2 * i) + $"k{i}:");
        var diagnostics = Parse(string.Join("\n", lines) + " x\n");
        diagnostics.ShouldContain(d => d.Code == Codes.YamlTooDeep && d.Position.Line == 41);
    }

    [Fact]
    public void A_590_byte_alias_bomb_is_refused_in_well_under_a_second_at_the_alias_that_crosses_the_limit()
    {
        var text = """
            a: &a ["x","x","x","x","x","x","x","x","x"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            probes: *i
            """;
        var watch = Stopwatch.StartNew();
        var diagnostics = Parse(text);
        watch.Stop();
        var bomb = diagnostics.ShouldHaveSingleItem();
        bomb.Code.ShouldBe(Codes.AliasExpansion);
        bomb.Position.Line.ShouldBe(5);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_base_of_forty_thousand_params_extended_by_many_files_is_refused_at_once_not_a_crash()
    {
        // 600 KB, under the file limit; 199 four-line variants made lint take 1.5 GB and 18 s, and run exit 70 (OOM).
        using var scratch = new RobustnessScratch();
        var pack = Path.Combine(scratch.Root, "pack");
        scratch.Write("pack/f-0.yaml", RobustnessScratch.Playbook("f-0", "    file: /proc/loadavg", "v > 0",
            "params:\n" + string.Concat(Enumerable.Range(0, 40_000).Select(i => $"  p{i}: {i}\n"))));
        for (var i = 1; i < 50; i++) scratch.Write($"pack/f-{i}.yaml", $"apiVersion: netbufrules/v1\nid: f-{i}\nextends: f-0\ntitle: t{i}\n");
        var (code, output, error) = await CliRunner.Run("lint", pack);
        code.ShouldBe(1);
        error.ShouldBeEmpty();
        output.ShouldContain("f-0.yaml:");
        output.ShouldContain("error NBR052: this document has more than 10,000 nodes");
    }

    [Fact]
    public void A_playbook_of_more_than_a_thousand_params_is_refused_at_its_params()
    {
        var text = "params:\n" + string.Concat(Enumerable.Range(0, 1001).Select(i => $"  p{i}: {i}\n"));
        var diagnostics = Parse(text);
        diagnostics.ShouldContain(d => d.Code == Codes.InvalidValue && d.Message.StartsWith("'params' declares 1,001 params, more than the 1,000", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_yaml_document_is_an_error_at_its_start_not_silently_ignored()
    {
        var diagnostics = Parse("apiVersion: netbufrules/v1\nid: a\n---\napiVersion: netbufrules/v1\nid: b\n");
        diagnostics.ShouldContain(d => d.Code == Codes.YamlSyntax && d.Position.Line == 3 && d.Message == "a second YAML document starts here; only the first is read");
    }

    [Fact]
    public void Aliases_that_stay_small_still_load()
    {
        var text = RobustnessScratch.Playbook("aliases", "    file: &f /proc/loadavg", "v > 0", "params: { a: &n 5, b: *n }");
        Parse(text).ShouldNotContain(d => d.Code == Codes.AliasExpansion || d.Code == Codes.YamlTooDeep);
    }

    [Fact]
    public void A_200_KB_condition_is_one_error_at_its_place_without_being_parsed()
    {
        var condition = string.Join(" + ", Enumerable.Repeat("v", 70_000)) + " > 0";
        Parse(RobustnessScratch.Playbook("long", "    file: /proc/loadavg", condition)).ShouldBeEmpty();
        var loaded = new DiagnosticBag();
        var playbook = PlaybookParser.Parse("hostile.yaml", RobustnessScratch.Playbook("long", "    file: /proc/loadavg", condition), loaded)!;
        var errors = PlaybookValidator.Validate([playbook]);
        var tooLong = errors.ShouldHaveSingleItem();
        tooLong.Code.ShouldBe(Codes.ExpressionTooLarge);
        tooLong.Position.Line.ShouldBe(11);
        tooLong.Message.ShouldContain("more than the limit of 4,096");
    }

    [Fact]
    public void Parentheses_nested_past_the_limit_are_refused_at_the_first_one_too_deep()
    {
        var condition = new string('(', 40) + "v" + new string(')', 40) + " > 0";
        var loaded = new DiagnosticBag();
        var playbook = PlaybookParser.Parse("hostile.yaml", RobustnessScratch.Playbook("nested", "    file: /proc/loadavg", condition), loaded)!;
        var error = PlaybookValidator.Validate([playbook]).ShouldHaveSingleItem();
        error.Code.ShouldBe(Codes.ExpressionTooLarge);
        error.Message.ShouldContain("nests parentheses more than 32 deep");
    }

    [Fact]
    public void A_template_past_64_KiB_is_refused_with_its_place()
    {
        var fix = $"fix:\n  - path: /etc/sysctl.d/90-x.conf\n    template: \"{new string('x', 70_000)}\"\n";
        var loaded = new DiagnosticBag();
        var playbook = PlaybookParser.Parse("hostile.yaml", RobustnessScratch.Playbook("bigfix", "    file: /proc/loadavg", "v > 0", fix), loaded)!;
        var error = PlaybookValidator.Validate([playbook]).Where(d => d.Code == Codes.TemplateTooLarge).ShouldHaveSingleItem();
        error.Position.Line.ShouldBe(14);
    }

    [Fact]
    public async Task A_playbook_file_over_1_MiB_exits_2_with_its_place()
    {
        using var scratch = new RobustnessScratch();
        var file = scratch.Write("big.yaml", RobustnessScratch.Playbook("big", "    file: /proc/loadavg", "v > 0") + "#" + new string('x', 1024 * 1024) + "\n");
        var (code, output, error) = await CliRunner.Run("run", file, "--interval", "0");
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldStartWith($"{file}:1:1: error NBR050: '{file}' is larger than 1 MiB");
    }

    [Fact]
    public async Task A_playbook_that_is_a_symlink_to_dev_zero_is_refused_unread()
    {
        using var scratch = new RobustnessScratch();
        var link = Path.Combine(scratch.Root, "zero.yaml");
        File.CreateSymbolicLink(link, "/dev/zero");
        var (code, _, error) = await CliRunner.Run("lint", link).WaitAsync(TimeSpan.FromSeconds(20));
        code.ShouldBe(1);
        error.ShouldBeEmpty();
        var (runCode, _, runError) = await CliRunner.Run("run", link).WaitAsync(TimeSpan.FromSeconds(20));
        runCode.ShouldBe(2);
        runError.ShouldContain("NBR191: '" + link + "' resolves to /dev/zero, a kernel or device file");
    }

    [SkippableFact]
    public async Task A_playbook_that_is_a_fifo_is_refused_without_blocking()
    {
        using var scratch = new RobustnessScratch();
        var fifo = Path.Combine(scratch.Root, "fifo.yaml");
        using (var mkfifo = Process.Start("mkfifo", fifo)) await mkfifo.WaitForExitAsync();
        Skip.IfNot(File.Exists(fifo), "mkfifo is not available");
        var (code, _, error) = await CliRunner.Run("run", fifo).WaitAsync(TimeSpan.FromSeconds(20));
        code.ShouldBe(2);
        error.ShouldContain("is not a regular file");
    }

    [Fact]
    public async Task A_symlink_to_root_in_a_pack_folder_is_passed_over_with_a_warning_and_lint_stays_fast()
    {
        using var scratch = new RobustnessScratch();
        scratch.Write("pack/good.yaml", RobustnessScratch.Playbook("good", "    file: /proc/loadavg", "v > 0"));
        File.CreateSymbolicLink(Path.Combine(scratch.Root, "pack", "everything"), "/");
        File.CreateSymbolicLink(Path.Combine(scratch.Root, "pack", "loop"), Path.Combine(scratch.Root, "pack"));
        File.CreateSymbolicLink(Path.Combine(scratch.Root, "pack", "outside.yaml"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(scratch.Root, "pack", "inside.yaml"), Path.Combine(scratch.Root, "pack", "good.yaml"));
        var watch = Stopwatch.StartNew();
        var lint = PlaybookLinter.Lint([Path.Combine(scratch.Root, "pack")], null);
        watch.Stop();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        var skipped = lint.Diagnostics.Where(d => d.Code == Codes.SymlinkNotFollowed).Select(d => Path.GetFileName(d.Position.File)).Order().ToList();
        skipped.ShouldBe(["everything", "loop", "outside.yaml"]);
        lint.Diagnostics.ShouldNotContain(d => d.Message.Contains("root:", StringComparison.Ordinal));
        // The link inside the folder is read like any file: it duplicates good's id.
        lint.Diagnostics.ShouldContain(d => d.Code == Codes.DuplicateId);
    }

    [Fact]
    public void A_test_file_scan_never_enters_a_symlinked_folder()
    {
        using var scratch = new RobustnessScratch();
        scratch.Write("pack/good.test.yaml", "tests: []\n");
        File.CreateSymbolicLink(Path.Combine(scratch.Root, "pack", "everything"), "/");
        Testing.TestFileParser.Find([Path.Combine(scratch.Root, "pack")]).Select(Path.GetFileName).ShouldBe(["good.test.yaml"]);
    }
}
