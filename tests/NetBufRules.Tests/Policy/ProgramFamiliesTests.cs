using NetBufRules.Diagnostics;
using NetBufRules.Policy;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Policy;

/// <summary>allow_commands never takes a program whose job is to run code, write, leak, fetch or manage, whatever its grammar or version.</summary>
public sealed class ProgramFamiliesTests
{
    [Theory]
    // the red team's: run /bin/sh -c, shell escapes, hooks and pagers, run the binary given, or print the environment
    [InlineData("sg", "runs code")]
    [InlineData("newgrp", "runs code")]
    [InlineData("vim.basic", "runs code")]
    [InlineData("vim.tiny", "runs code")]
    [InlineData("ex", "runs code")]
    [InlineData("git", "runs code")]
    [InlineData("git-upload-pack", "runs code")]
    [InlineData("tar", "runs code")]
    [InlineData("rsync", "runs code")]
    [InlineData("scp", "runs code")]
    [InlineData("ldd", "runs code")]
    [InlineData("tcpdump", "runs code")]
    [InlineData("python3.11", "runs code")]
    [InlineData("curl", "fetches or sends")]
    [InlineData("wget", "fetches or sends")]
    [InlineData("aria2c", "fetches or sends")]
    [InlineData("rm", "writes, moves or deletes")]
    [InlineData("cp", "writes, moves or deletes")]
    [InlineData("touch", "writes, moves or deletes")]
    [InlineData("ssh-keygen", "runs code")]
    [InlineData("cat", "prints any file")]
    [InlineData("diff", "prints any file")]
    [InlineData("chmod", "changes permissions")]
    [InlineData("printenv", "prints the environment")]
    [InlineData("getent", "prints the environment or secrets")]
    [InlineData("systemctl", "manages services")]
    [InlineData("pkill", "manages services")]
    [InlineData("iptables-save", "manages services")]
    [InlineData("ip6tables", "manages services")]
    [InlineData("nft", "manages services")]
    [InlineData("modprobe", "manages services")]
    [InlineData("mkfs.ext4", "manages services")]
    [InlineData("reboot", "manages services")]
    [InlineData("fuser", "manages services")]
    [InlineData("udevadm", "manages services")]
    [InlineData("smartctl", "manages services")]
    [InlineData("ifstat", "manages services")]
    [InlineData("sha256sum", "prints any file")]
    [InlineData("stat", "prints any file")]
    [InlineData("dmidecode", "secrets")]
    [InlineData("coredumpctl", "secrets")]
    [InlineData("tshark", "sends data")]
    [InlineData("resolvectl", "sends data")]
    // The fourth red team's: wrappers that run the program after them, and tools that write, dump or change devices.
    [InlineData("setarch", "runs code")]
    [InlineData("linux64", "runs code")]
    [InlineData("systemd-inhibit", "runs code")]
    [InlineData("dbus-run-session", "runs code")]
    [InlineData("prove", "runs code")]
    [InlineData("fallocate", "writes")]
    [InlineData("systemd-tmpfiles", "writes")]
    [InlineData("shuf", "prints any file")]
    [InlineData("tsort", "prints any file")]
    [InlineData("objdump", "prints any file")]
    [InlineData("zramctl", "manages services")]
    [InlineData("blockdev", "manages services")]
    [InlineData("networkctl", "manages services")]
    // The ninth red team's: System V IPC removal and creation, and the locale and keymap.
    [InlineData("ipcrm", "manages services")]
    [InlineData("ipcmk", "manages services")]
    [InlineData("localectl", "manages services")]
    // Command lines carry passwords: any of these as a probe put 'mysql --password=...' into reports and snapshots.
    [InlineData("ps", "command lines")]
    [InlineData("pgrep", "command lines")]
    [InlineData("pstree", "command lines")]
    [InlineData("top", "command lines")]
    [InlineData("w", "command lines")]
    [InlineData("pmap", "memory maps")]
    [InlineData("pwdx", "folders")]
    [InlineData("lsns", "command lines")]
    [InlineData("systemd-cgls", "command lines")]
    public void A_program_that_runs_code_writes_leaks_or_manages_is_refused_whatever_its_version(string program, string why) =>
        ProgramFamilies.Refusal(program).ShouldNotBeNull(program).ShouldContain(why);

    [Theory]
    [InlineData("mytool")]
    [InlineData("conntrack")]
    [InlineData("bridge")]
    [InlineData("devlink")]
    [InlineData("iw")]
    [InlineData("lsof")]
    public void A_reading_tool_may_be_declared_with_its_grammar(string program) => ProgramFamilies.Refusal(program).ShouldBeNull();

    [Fact]
    public void The_fix_commands_the_engine_runs_itself_are_not_taken_for_interpreters()
    {
        // PlaybookValidator refuses a fix 'then' that runs code; sysctl and systemctl daemon-reload are the two allowed.
        ProgramFamilies.RunsCode("sysctl").ShouldBeFalse();
        ProgramFamilies.RunsCode("systemctl").ShouldBeFalse();
    }

    [Fact]
    public void A_repository_config_allowing_them_gets_one_NBR025_each_and_its_playbook_runs_nothing()
    {
        using var scratch = new CfgScratch();
        scratch.Write(".netbufrules.yaml", "allow_commands:\n  sg: ['sg nogroup -c <word>']\n  vim.basic: ['vim.basic -es -c <word>']\n  printenv: ['printenv']\n  curl: ['curl <word>']\n");
        var bag = new DiagnosticBag();
        var config = LintConfig.LoadDiscovered([scratch.Root], bag);
        bag.Items.Select(d => (d.Position.Line, d.Code)).ShouldBe([(2, "NBR025"), (3, "NBR025"), (4, "NBR025"), (5, "NBR025")]);
        config.Policy.Tools.Keys.ShouldNotContain("printenv");
        config.Policy.CheckCommand(["printenv"]).ShouldNotBeNull();
    }

    [Fact]
    public void A_form_that_names_a_shell_or_interpreter_is_refused_whatever_the_tool()
    {
        // A tool no list knows that passes its words on (as setarch does) would run 'sh -c CODE'.
        using var scratch = new CfgScratch();
        scratch.Write(".netbufrules.yaml", "allow_commands:\n  mywrap: ['mywrap x86_64 sh -c <word>', 'mywrap --run=python3.11 <word>', 'mywrap show <ifname>']\n");
        var bag = new DiagnosticBag();
        var config = LintConfig.LoadDiscovered([scratch.Root], bag);
        bag.Items.Select(d => (d.Position.Line, d.Code, d.Message)).ShouldBe([
            (2, "NBR025", "form 'mywrap x86_64 sh -c <word>' of 'mywrap' names 'sh', a shell, interpreter or launcher: a tool that passes its words on would run it"),
            (2, "NBR025", "form 'mywrap --run=python3.11 <word>' of 'mywrap' names 'python3.11', a shell, interpreter or launcher: a tool that passes its words on would run it"),
        ]);
        config.Policy.CheckCommand(["mywrap", "show", "eth0"]).ShouldBeNull();
        config.Policy.CheckCommand(["mywrap", "x86_64", "sh", "-c", "id"]).ShouldNotBeNull();
    }
}
