using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Policy;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Policy;

/// <summary>The built-in read-only grammars: what they let through, what they refuse, and how they say so.</summary>
public sealed class ToolGrammarTests
{
    private static CommandRefusal? Check(string command) => SafetyPolicy.Default.CheckCommand(command.Split(' '));

    [Theory]
    [InlineData("ip -s -s -j link")]
    [InlineData("ip -s -j link show dev lo")]
    [InlineData("ip link show lo")]
    [InlineData("ip neigh show")]
    [InlineData("ip -s neigh")]
    [InlineData("ip maddr show")]
    [InlineData("ip xfrm policy list")]
    [InlineData("ip xfrm state count")]
    [InlineData("tc -s -j qdisc show")]
    [InlineData("tc -s qdisc show dev lo")]
    [InlineData("tc -s filter show dev lo ingress")]
    [InlineData("sysctl -n net.core.somaxconn")]
    [InlineData("sysctl -n net.ipv4.tcp_rmem net.ipv4.tcp_wmem")]
    [InlineData("sysctl -a")]
    [InlineData("ss -Hltnp")]
    [InlineData("ss -Htan state syn-recv")]
    [InlineData("ss -Huamnp")]
    [InlineData("ss -tn sport = :80")]
    [InlineData("nstat -asz --json")]
    [InlineData("nstat -a -s --json TcpExt*")]
    [InlineData("nstat --noupdate -z --ignore")]
    [InlineData("dmesg")]
    [InlineData("dmesg -T --level err,warn")]
    [InlineData("journalctl -k --no-pager -o short-monotonic")]
    [InlineData("journalctl -k --since=-1h -q")]
    [InlineData("journalctl --no-pager -kq -o cat")]
    [InlineData("journalctl --dmesg -g overflow")]
    [InlineData("ethtool -S eth0")]
    [InlineData("ethtool eth0")]
    [InlineData("prlimit --pid 1 --nofile --raw --noheadings -o SOFT,HARD")]
    [InlineData("getconf PAGESIZE")]
    [InlineData("uname -r")]
    [InlineData("netstat -s")]
    [InlineData("netstat -tan")]
    [InlineData("netstat -i")]
    [InlineData("ss -tn dst 10.0.0.1")]
    [InlineData("ss -tn dst = [fe80::1%eth0]:443")]
    [InlineData("ss -tn src 10.0.0.0/8 and dst :https")]
    [InlineData("ss -tn dst fd00::2")]
    public void A_read_only_form_is_allowed(string command) => Check(command).ShouldBeNull();

    [Theory]
    [InlineData("ip vrf exec default /bin/sh -c id", 1, "runs a program")]
    [InlineData("ip netns exec nbr-h1-x /bin/sh", 1, "switches network namespace")]
    [InlineData("ip -batch /tmp/cmds", 1, "reads commands from a file")]
    [InlineData("ip -b /tmp/cmds", 1, "reads commands from a file")]
    [InlineData("ip -force link", 1, "goes on after errors")]
    [InlineData("ip link set lo down", 2, "changes the host")]
    [InlineData("ip -s link set lo down", 3, "changes the host")]
    [InlineData("ip xfrm state list", 3, "does not fit")]
    [InlineData("tc -batch /tmp/cmds", 1, "reads commands from a file")]
    [InlineData("tc qdisc add dev lo root netem loss 100%", 2, "changes the host")]
    [InlineData("sysctl -w net.core.somaxconn=1", 1, "writes a setting")]
    [InlineData("sysctl net.core.somaxconn=1", 1, "writes a setting")]
    [InlineData("sysctl -p /tmp/evil.conf", 1, "loads settings from a file")]
    [InlineData("sysctl --system", 1, "loads every settings file")]
    [InlineData("ss -K dst 10.0.0.1", 1, "kills sockets")]
    [InlineData("ss -tK", 1, "kills sockets")]
    [InlineData("ss -t state established --kill", 4, "kills sockets")]
    [InlineData("ss -t state established -K", 4, "kills sockets")]
    [InlineData("ss -D /tmp/out", 1, "writes a file")]
    [InlineData("ss -F /etc/shadow", 1, "reads a file")]
    [InlineData("ss -N other", 1, "switches network namespace")]
    [InlineData("nstat -r", 1, "resets the counters' history")]
    [InlineData("nstat -n", 1, "writes the history file")]
    [InlineData("nstat --json", 1, "incomplete")]
    [InlineData("nstat -sz --json", 2, "incomplete")]
    [InlineData("dmesg -C", 1, "clears the kernel log")]
    [InlineData("dmesg -Tc", 1, "clears the kernel log")]
    [InlineData("dmesg -n 1", 1, "changes console logging")]
    [InlineData("dmesg -F /etc/shadow", 1, "reads a file")]
    [InlineData("journalctl --vacuum-size=1K", 1, "deletes journal files")]
    [InlineData("journalctl --rotate", 1, "deletes journal files")]
    [InlineData("journalctl --file /etc/shadow", 1, "reads files")]
    [InlineData("journalctl -D /tmp", 1, "reads files")]
    [InlineData("ethtool -s eth0 speed 10", 1, "changes the NIC")]
    [InlineData("ethtool -K eth0 tso off", 1, "changes the NIC")]
    [InlineData("ethtool --flash eth0 fw.bin", 1, "writes the NIC's firmware")]
    [InlineData("prlimit --pid 1 --nofile=1:1", 3, "sets a limit")]
    [InlineData("prlimit --nofile /bin/sh", 2, "")]
    [InlineData("prlimit --pid 1 -n1:1", 3, "")]
    [InlineData("getconf -v x", 1, "")]
    // netstat without -n looks up every peer: a DNS query per connection, the connection list sent to the name server.
    [InlineData("netstat -tap", 1, "incomplete")]
    // Userspace messages carry secrets (sudo's COMMAND=, sshd's "Invalid user <password>"): the kernel's only.
    [InlineData("journalctl -t sudo -o cat", 1, "")]
    [InlineData("journalctl -o cat -g COMMAND", 4, "incomplete")]
    [InlineData("journalctl -k -u ssh", 2, "")]
    [InlineData("journalctl -k --identifier=sudo", 2, "")]
    public void A_form_that_changes_or_escapes_is_refused_at_the_argument_to_blame(string command, int index, string why)
    {
        var refusal = Check(command).ShouldNotBeNull();
        refusal.ArgIndex.ShouldBe(index, refusal.Message);
        refusal.Message.ShouldContain(why);
        refusal.Hint.ShouldStartWith("the nearest allowed form is '");
    }

    [Theory]
    [InlineData("ss -tn dst evil.example", 3)]
    [InlineData("ss -tn dst = localhost", 4)]
    [InlineData("ss -tn src fade", 3)]
    public void An_ss_filter_naming_a_host_is_refused_at_the_name_since_ss_would_ask_a_name_server(string command, int index)
    {
        var refusal = Check(command).ShouldNotBeNull();
        refusal.ArgIndex.ShouldBe(index, refusal.Message);
        refusal.Message.ShouldContain("is a host name, which ss would look up in the DNS");
        refusal.Hint.ShouldContain("write the address as numbers");
    }

    [Theory]
    [InlineData("sh -c id", "starts a shell or interpreter")]
    [InlineData("python3.11 -c x", "starts a shell or interpreter")]
    [InlineData("perl5.36 -e x", "starts a shell or interpreter")]
    [InlineData("/bin/bash -c x", "starts a shell or interpreter")]
    [InlineData("env ss -K", "starts a shell or interpreter")]
    [InlineData("busybox sh", "starts a shell or interpreter")]
    [InlineData("/abs/path/ss -Hltn", "names a path")]
    [InlineData("./bin/ss -Hltn", "names a path")]
    [InlineData("../../x/cat /etc/shadow", "names a path")]
    [InlineData("cat /etc/shadow", "is not in the allowlist")]
    public void A_program_is_named_never_a_path_and_never_runs_code(string command, string why)
    {
        var refusal = Check(command).ShouldNotBeNull();
        refusal.ArgIndex.ShouldBe(0);
        refusal.Message.ShouldContain(why);
    }

    [Fact]
    public void The_nearest_form_is_the_one_that_got_furthest()
    {
        var refusal = Check("ip -s link set lo down").ShouldNotBeNull();
        refusal.Hint.ShouldContain("link [(show|list|ls) [[dev] <ifname>] [up]]");
    }

    [Fact]
    public void An_incomplete_command_blames_its_last_word()
    {
        var refusal = Check("tc filter show").ShouldNotBeNull();
        refusal.Message.ShouldContain("incomplete");
        refusal.ArgIndex.ShouldBe(2);
    }

    [Fact]
    public void Values_never_start_with_a_dash_so_the_tool_cannot_read_them_as_options()
    {
        Check("ip link show dev -batch").ShouldNotBeNull();
        Check("ss state -K").ShouldNotBeNull();
        Check("tc qdisc show dev --help").ShouldNotBeNull();
    }

    [Fact]
    public void Every_command_the_pack_examples_and_golden_corpus_run_fits_a_grammar()
    {
        var files = new[] { Repo.Playbooks, Path.Combine(Repo.Root, "examples") }
            .SelectMany(d => Directory.GetFiles(d, "*.yaml", SearchOption.AllDirectories))
            .Where(f => !f.EndsWith(".test.yaml", StringComparison.Ordinal));
        var commands = PlaybookLoader.Load([.. files.Where(f => File.ReadAllText(f).Contains("probes:", StringComparison.Ordinal))]).Playbooks
            .SelectMany(p => p.Probes).SelectMany(p => p.Alternatives).Select(a => a.Source).OfType<CommandSource>().ToList();
        commands.Count.ShouldBeGreaterThan(10);
        foreach (var command in commands)
            SafetyPolicy.Default.CheckCommand(command.Argv).ShouldBeNull(command.Describe());
    }

    [Theory]
    [InlineData("mytool [--json", "missing ']'")]
    [InlineData("mytool <path>", "unknown value kind <path>")]
    [InlineData("mytool --x<word>", "a glued value follows '='")]
    [InlineData("mytool a|b", "'|' outside brackets")]
    [InlineData("mytool -{a-b}", "bundled flags are letters or digits")]
    [InlineData("[mytool]", "starts with the program's name")]
    [InlineData("mytool ...", "'...' must follow an element")]
    public void A_form_with_a_grammar_mistake_says_what_is_wrong(string text, string error)
    {
        CommandForm.Parse(text, out var message).ShouldBeNull();
        message.ShouldNotBeNull().ShouldContain(error);
    }

    [Fact]
    public void A_form_reads_like_a_synopsis()
    {
        var form = CommandForm.Parse("mytool [-{vq}|--json]... (stats|info) [dev <ifname>] [<word>]...", out _).ShouldNotBeNull();
        form.Matches(["mytool", "-vq", "--json", "stats", "dev", "eth0", "a", "b"], out _).ShouldBeTrue();
        form.Matches(["mytool", "info"], out _).ShouldBeTrue();
        form.Matches(["mytool", "-vx", "info"], out var furthest).ShouldBeFalse();
        furthest.ShouldBe(1);
        form.Matches(["other", "info"], out _).ShouldBeFalse();
    }
}
