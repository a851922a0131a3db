using System.Net;
using System.Net.Sockets;
using NetBufRules.Diagnostics;
using NetBufRules.Model;
using NetBufRules.Policy;
using NetBufRules.Probe;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Policy;

/// <summary>
/// What a repository config may allow holds by construction, not only by the family lists: a script is refused as a
/// script, a form's literal words name no file, and a playbook's values name no program and no file, so a tool no list
/// knows that runs or prints what it is given (sotruss, debconf, cpp, choom) cannot be made to.
/// </summary>
public sealed class RepositoryToolTests
{
    private static (SafetyPolicy Policy, IReadOnlyList<Diagnostic> Diagnostics) Config(CfgScratch scratch, string yaml)
    {
        scratch.Write(".netbufrules.yaml", yaml);
        var bag = new DiagnosticBag();
        var config = LintConfig.LoadDiscovered([scratch.Root], bag);
        return (config.Policy, bag.Items);
    }

    [Theory]
    // trust round 5: wrappers that run the program named after them, and the preprocessor that prints any file
    [InlineData("sotruss")]
    [InlineData("debconf")]
    [InlineData("pydoc3")]
    [InlineData("cpan")]
    [InlineData("ptar")]
    [InlineData("cpp")]
    [InlineData("cpp-12")]
    [InlineData("memusage")]
    [InlineData("xtrace")]
    [InlineData("numactl")]
    [InlineData("faketime")]
    [InlineData("xsltproc")]
    [InlineData("pv")]
    public void The_wrappers_and_printers_the_red_team_found_are_refused_by_name(string program) =>
        ProgramFamilies.Refusal(program).ShouldNotBeNull(program);

    [SkippableFact]
    public void A_script_no_list_knows_is_refused_as_a_script()
    {
        // pod2text (perl) prints the file it is given; it is on no family list.
        Skip.IfNot(File.Exists("/usr/bin/pod2text"), "pod2text (perl) is not installed");
        ProgramFamilies.Refusal("pod2text").ShouldBeNull("the point is that no list names it");
        using var scratch = new CfgScratch();

        var (policy, diagnostics) = Config(scratch, "allow_commands:\n  pod2text: ['pod2text <word>']\n");

        diagnostics.Single().Code.ShouldBe("NBR025");
        diagnostics.Single().Message.ShouldContain("'pod2text' is a script (/usr/bin/pod2text: #!/usr/bin/perl");
        policy.Tools.Keys.ShouldNotContain("pod2text");
    }

    [Fact]
    public void A_compiled_program_is_not_a_script_and_a_file_starting_hash_bang_is()
    {
        using var scratch = new CfgScratch();
        var script = scratch.Write("wrap", "#!/bin/sh\nexec \"$@\"\n");

        ScriptProgram.Refusal(script).ShouldNotBeNull().ShouldContain(": #!/bin/sh)");
        ScriptProgram.Refusal("/usr/bin/ls").ShouldBeNull();
        ScriptProgram.Refusal(Path.Combine(scratch.Root, "missing")).ShouldNotBeNull().ShouldContain("cannot be checked");
    }

    [Fact]
    public void A_forms_literal_word_naming_a_file_outside_proc_and_sys_is_refused()
    {
        using var scratch = new CfgScratch();

        var (policy, diagnostics) = Config(scratch,
            "allow_commands:\n  mytool: ['mytool -P /etc/passwd', 'mytool --conf=../etc/shadow', 'mytool -f/etc/hostname', 'mytool /proc/net/dev', 'mytool -o /dev/null', 'mytool show <ifname>']\n");

        diagnostics.Select(d => d.Message).ShouldBe([
            "form 'mytool -P /etc/passwd' of 'mytool': '/etc/passwd' names the file or folder /etc/passwd, which a tool that prints the files it is given would print (probes read files with 'file:', only under /proc and /sys)",
            "form 'mytool --conf=../etc/shadow' of 'mytool': '--conf=../etc/shadow' names the file or folder /etc/shadow, which a tool that prints the files it is given would print (probes read files with 'file:', only under /proc and /sys)",
            "form 'mytool -f/etc/hostname' of 'mytool': '-f/etc/hostname' names the file or folder /etc/hostname, which a tool that prints the files it is given would print (probes read files with 'file:', only under /proc and /sys)",
        ]);
        policy.CheckCommand(["mytool", "/proc/net/dev"]).ShouldBeNull();
        policy.CheckCommand(["mytool", "-o", "/dev/null"]).ShouldBeNull();
    }

    [Theory]
    [InlineData("curl", "names the program curl, which fetches or sends data")]
    [InlineData("id", "names the program /usr/bin/id")]
    [InlineData("python3", "names the program python3, which runs code")]
    [InlineData("..", "names a file or folder (..)")]
    [InlineData(".", "names a file or folder (.)")]
    public void A_playbook_value_naming_a_program_or_a_file_is_refused_for_a_repository_tool(string value, string why)
    {
        // choom (util-linux) runs the command after '--' and is on no list: any such tool would run the value.
        using var scratch = new CfgScratch();
        var (policy, diagnostics) = Config(scratch, "allow_commands:\n  mywrap: ['mywrap -n <n> -- <word> ...', 'mywrap show <word>']\n");
        diagnostics.ShouldBeEmpty();

        var refusal = policy.CheckCommand(["mywrap", "-n", "0", "--", value, "127.0.0.1:18733"]).ShouldNotBeNull();

        refusal.ArgIndex.ShouldBe(4);
        refusal.Message.ShouldContain($"'{value}' {why}");
        policy.CheckCommand(["mywrap", "show", "eth0"]).ShouldBeNull("a value that names nothing still passes");
        policy.CheckCommand(["mywrap", "show", "{dev}"]).ShouldBeNull("a per-row placeholder is checked once bound");
    }

    [Fact]
    public async Task The_red_teams_sotruss_pack_is_refused_before_any_probe_and_sends_nothing()
    {
        using var scratch = new CfgScratch();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        scratch.Write(".netbufrules.yaml", "allow_commands:\n  sotruss: ['sotruss <word> ...']\n");
        scratch.Write("intake.yaml", $"apiVersion: netbufrules/v1\nid: intake-trace\ntitle: Intake\nseverity: info\nsummary: S.\nwhy: W.\nprobes:\n  trace:\n    command: [sotruss, curl, '127.0.0.1:{port}']\n    extract: {{ lines: true }}\nwhen: []\nadvise_when:\n  - if: trace < 0\n    message: never\n");

        var (code, _, error) = await CliRunner.Run("run", scratch.Root, "--interval", "0");

        code.ShouldBe(2);
        error.ShouldContain("error NBR025: 'sotruss' runs code given to it and cannot be allowed");
        await Task.Delay(200);
        listener.Pending().ShouldBeFalse("no probe connected to the listener");
    }

    [Fact]
    public async Task A_pack_that_reads_every_command_line_with_ps_or_pgrep_is_refused_and_collects_nothing()
    {
        // Red team 9: these ran as probes and put 'mysql --password=SECRET' into the report and the snapshot.
        using var scratch = new CfgScratch();
        scratch.Write(".netbufrules.yaml", "allow_commands:\n  ps: ['ps -eo args']\n  pgrep: ['pgrep -a sleep']\n");
        scratch.Write("leak.yaml", "apiVersion: netbufrules/v1\nid: leak\ntitle: Leak\nseverity: info\nsummary: S.\nwhy: W.\nprobes:\n  all:\n    command: [ps, -eo, args]\n  some:\n    command: [pgrep, -a, sleep]\nwhen:\n  - if: \"all != 'x' && some != 'y'\"\n    message: \"{{ all }}\"\n");
        var snapshot = Path.Combine(scratch.Root, "out.json");

        var (code, output, error) = await CliRunner.Run("collect", scratch.Root, "-o", snapshot);

        code.ShouldBe(2);
        error.ShouldContain("error NBR025: 'ps' prints other processes' command lines, folders or memory maps");
        error.ShouldContain("error NBR025: 'pgrep' prints other processes' command lines");
        File.Exists(snapshot).ShouldBeFalse(output);
    }

    [SkippableFact]
    public async Task A_script_allowed_past_lint_is_not_run_where_the_run_happens()
    {
        // The PATH or the host at run time may differ from lint's: the reader checks the file it would start.
        Skip.IfNot(File.Exists("/usr/bin/pod2text"), "pod2text (perl) is not installed");
        var tools = new Dictionary<string, ToolGrammar>(SafetyPolicy.Default.Tools) { ["pod2text"] = ToolGrammar.Of("pod2text", ["pod2text <word>"]) };
        var reader = new LiveSourceReader(policy: SafetyPolicy.Default with { Tools = tools });

        var raw = await reader.ReadAsync(new CommandSource(["pod2text", "/etc/hostname"]), TimeSpan.FromSeconds(5), 0, CancellationToken.None);

        raw.Failure.ShouldBe(ReadFailure.PermissionDenied);
        raw.FailureMessage.ShouldNotBeNull().ShouldContain("pod2text /etc/hostname not run: pod2text is a script");
        raw.Stdout.ShouldBeEmpty();
    }
}
