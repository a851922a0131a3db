using NetBufRules.Diagnostics;
using NetBufRules.Policy;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Policy;

/// <summary>
/// A repository config's grammar for a network tool holds the tool to its read forms on its own, not only through the
/// privilege drop: a form that lists a write (conntrack -F, bridge fdb del, devlink dev reload, wg showconf) is refused
/// at load, a known tool's command must also fit its read forms when it runs, and a tool no list knows may not have a
/// write verb among its words.
/// </summary>
public sealed class ReadOnlyToolsTests
{
    private static (SafetyPolicy Policy, IReadOnlyList<Diagnostic> Diagnostics) Config(CfgScratch scratch, string yaml)
    {
        scratch.Write(".netbufrules.yaml", yaml);
        var bag = new DiagnosticBag();
        var config = LintConfig.LoadDiscovered([scratch.Root], bag);
        return (config.Policy, bag.Items);
    }

    [Theory]
    [InlineData("conntrack", "conntrack -F", "'-F' does not fit conntrack's read-only grammar (-F flushes the connection table)")]
    [InlineData("conntrack", "conntrack --flush", "(--flush flushes the connection table)")]
    [InlineData("conntrack", "conntrack -D -p <word>", "(-D deletes connections)")]
    [InlineData("conntrack", "conntrack (-L|-D)", "allows 'conntrack -D'")]
    [InlineData("conntrack", "conntrack -{LF}", "allows 'conntrack -F'")]
    [InlineData("conntrack", "conntrack -I -p tcp", "(-I creates connections)")]
    [InlineData("conntrack", "conntrack -U --mark 1", "(-U updates connections)")]
    [InlineData("conntrack", "conntrack -L -z", "(-z zeroes the counters)")]
    [InlineData("conntrack", "conntrack -E", "(-E waits forever)")]
    [InlineData("bridge", "bridge fdb del <word> dev <ifname>", "(del changes the host)")]
    [InlineData("bridge", "bridge fdb <word>", "allows 'bridge fdb x'")]
    [InlineData("bridge", "bridge link set dev <ifname> learning off", "(set changes the host)")]
    [InlineData("bridge", "bridge vlan add vid <n> dev <ifname>", "(add changes the host)")]
    [InlineData("bridge", "bridge -batch <word>", "(-batch reads commands from a file")]
    [InlineData("devlink", "devlink dev reload <word>", "(reload changes the device)")]
    [InlineData("devlink", "devlink dev eswitch set <word> mode switchdev", "(eswitch changes the device)")]
    [InlineData("devlink", "devlink region dump <word>", "(dump reads device memory)")]
    [InlineData("dcb", "dcb ets set dev <ifname> tc-tsa all:strict", "(set changes the host)")]
    [InlineData("rdma", "rdma statistic set link <word> optional-counters x", "(set changes the host)")]
    [InlineData("tipc", "tipc bearer enable media eth dev <ifname>", "(enable changes the host)")]
    [InlineData("wg", "wg showconf <ifname>", "(showconf prints the tunnel's secret keys)")]
    [InlineData("wg", "wg show all private-key", "(private-key prints the tunnel's secret keys)")]
    [InlineData("wg", "wg set <ifname> listen-port <n>", "(set changes the tunnel)")]
    [InlineData("mii-tool", "mii-tool -R <ifname>", "(-R changes the link)")]
    [InlineData("brctl", "brctl delbr <ifname>", "(delbr changes the bridge)")]
    [InlineData("iw", "iw dev <ifname> set power_save off", "(set changes the host)")]
    [InlineData("ovs-ofctl", "ovs-ofctl del-flows <word>", "(del-flows changes the flow tables)")]
    [InlineData("ovs-vsctl", "ovs-vsctl del-br <word>", "(del-br changes the switch)")]
    [InlineData("ovs-dpctl", "ovs-dpctl flush-conntrack", "(flush-conntrack changes the datapath)")]
    [InlineData("ipmaddr", "ipmaddr add <word> dev <ifname>", "(add changes the host)")]
    [InlineData("iptunnel", "iptunnel del <ifname>", "(del changes the host)")]
    public void A_known_network_tools_write_form_is_refused_at_load(string tool, string form, string why)
    {
        using var scratch = new CfgScratch();

        var (policy, diagnostics) = Config(scratch, $"allow_commands:\n  {tool}: ['{form}']\n");

        var error = diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(Codes.BadConfig);
        error.Severity.ShouldBe(DiagnosticSeverity.Error);
        error.Position.Line.ShouldBe(2);
        error.Message.ShouldStartWith($"form '{form}' of '{tool}' allows '");
        error.Message.ShouldContain(why);
        error.Hint.ShouldNotBeNull().ShouldContain("the nearest allowed form is");
        policy.Tools.Keys.ShouldNotContain(tool);
    }

    [Theory]
    [InlineData("mytool --set-ring <n>", "--set-ring")]
    [InlineData("mytool flush", "flush")]
    [InlineData("mytool [--json] (show|delete) <word>", "delete")]
    [InlineData("mytool --vacuum-size=<n>", "--vacuum-size=<n>")]
    [InlineData("mytool -F --reset", "--reset")]
    [InlineData("mytool netns exec <word>", "exec")]
    public void An_unknown_tools_form_with_a_write_verb_is_refused_at_load(string form, string word)
    {
        using var scratch = new CfgScratch();

        var (policy, diagnostics) = Config(scratch, $"allow_commands:\n  mytool: ['{form}', 'mytool --stats [--json]']\n");

        var error = diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe(Codes.BadConfig);
        error.Message.ShouldStartWith($"form '{form}' of 'mytool': '{word}' is a verb that changes things");
        policy.CheckCommand(["mytool", "--stats", "--json"]).ShouldBeNull("the read form next to it still loads");
    }

    [Theory]
    [InlineData("conntrack", "conntrack [-p <word>] (-L|-C|-S) [-o <word>]", new[] { "conntrack", "-p", "tcp", "-L", "-o", "extended" })]
    [InlineData("conntrack", "conntrack -C", new[] { "conntrack", "-C" })]
    [InlineData("bridge", "bridge [-s|-j]... fdb show [br <ifname>]", new[] { "bridge", "-s", "-j", "fdb", "show", "br", "br0" })]
    [InlineData("devlink", "devlink [-j] (dev|port) show", new[] { "devlink", "-j", "port", "show" })]
    [InlineData("wg", "wg show <ifname> transfer", new[] { "wg", "show", "wg0", "transfer" })]
    [InlineData("mytool", "mytool --stats [--json]", new[] { "mytool", "--stats" })]
    public void A_read_form_loads_and_its_command_runs(string tool, string form, string[] argv)
    {
        using var scratch = new CfgScratch();

        var (policy, diagnostics) = Config(scratch, $"allow_commands:\n  {tool}: ['{form}']\n");

        diagnostics.ShouldBeEmpty();
        policy.CheckCommand(argv).ShouldBeNull();
    }

    [Fact]
    public void A_command_a_known_tools_form_allows_must_still_fit_its_read_forms_when_it_runs()
    {
        // Each word of the form fits a read form (devlink sb, devlink dev info), but not every combination does.
        using var scratch = new CfgScratch();
        var (policy, diagnostics) = Config(scratch, "allow_commands:\n  devlink: ['devlink (sb|dev) [info]']\n");
        diagnostics.ShouldBeEmpty();

        policy.CheckCommand(["devlink", "dev", "info"]).ShouldBeNull();
        var refusal = policy.CheckCommand(["devlink", "sb", "info"]).ShouldNotBeNull();

        refusal.ArgIndex.ShouldBe(2);
        refusal.Message.ShouldBe("probe command 'devlink sb info' is not allowed: 'info' does not fit devlink's read-only grammar");
    }

    [Fact]
    public void A_known_tool_under_another_name_keeps_its_read_forms()
    {
        // A link in a system folder (mybridge -> /usr/sbin/bridge) is bridge.
        ReadOnlyTools.For("mybridge", "/usr/sbin/bridge").ShouldNotBeNull().Program.ShouldBe("bridge");
        ReadOnlyTools.For("mytool", "/usr/local/sbin/mytool").ShouldBeNull();
    }

    [Theory]
    [InlineData("rtmon", "manages")]
    [InlineData("nameif", "manages")]
    [InlineData("xtables-nft-multi", "manages")]
    [InlineData("xtables-legacy-multi", "manages")]
    [InlineData("conntrackd", "manages")]
    [InlineData("ovs-appctl", "manages")]
    [InlineData("rtcwake", "manages")]
    [InlineData("fsfreeze", "manages")]
    [InlineData("logsave", "runs code")]
    public void Network_set_up_tools_without_a_read_form_are_refused_by_name(string program, string why) =>
        ProgramFamilies.Refusal(program).ShouldNotBeNull(program).ShouldContain(why);

    [Theory]
    // The built-in grammars, which a config cannot change: every write form of the class is refused.
    [InlineData("ip link set dev lo mtu 1000")]
    [InlineData("ip addr add 10.0.0.1/24 dev lo")]
    [InlineData("ip route flush table main")]
    [InlineData("ip neigh replace 10.0.0.2 lladdr 00:11:22:33:44:55 dev lo")]
    [InlineData("ip rule del pref 100")]
    [InlineData("ip link change dev lo up")]
    [InlineData("ip netns exec x ss")]
    [InlineData("ip -batch x")]
    [InlineData("ip -force link")]
    [InlineData("ip -n x link")]
    [InlineData("tc qdisc add dev lo root pfifo")]
    [InlineData("tc class del dev lo classid 1:1")]
    [InlineData("tc filter replace dev lo")]
    [InlineData("tc qdisc change dev lo root pfifo limit 1")]
    [InlineData("ethtool -s eth0 speed 10")]
    [InlineData("ethtool -K eth0 gro off")]
    [InlineData("ethtool -G eth0 rx 4096")]
    [InlineData("ethtool -C eth0 rx-usecs 1")]
    [InlineData("ethtool -L eth0 combined 1")]
    [InlineData("ethtool -A eth0 rx off")]
    [InlineData("ethtool -E eth0 magic 1")]
    [InlineData("ethtool -p eth0")]
    [InlineData("ethtool --set-ring eth0 rx 1")]
    [InlineData("ethtool --reset eth0 all")]
    [InlineData("ethtool -f eth0 x")]
    [InlineData("sysctl -w net.core.rmem_max=1")]
    [InlineData("sysctl net.core.rmem_max=1")]
    [InlineData("sysctl -p")]
    [InlineData("sysctl --system")]
    [InlineData("sysctl --load")]
    [InlineData("ss -K")]
    [InlineData("ss --kill")]
    [InlineData("nstat")]
    [InlineData("nstat -a")]
    [InlineData("nstat -s")]
    [InlineData("nstat -asr")]
    [InlineData("dmesg -C")]
    [InlineData("dmesg -c")]
    [InlineData("dmesg -D")]
    [InlineData("dmesg -E")]
    [InlineData("dmesg -n 1")]
    [InlineData("journalctl -k --vacuum-size=1")]
    [InlineData("journalctl -k --vacuum-time=1s")]
    [InlineData("journalctl -k --rotate")]
    [InlineData("journalctl -k --flush")]
    [InlineData("journalctl -k --sync")]
    [InlineData("journalctl -k --relinquish-var")]
    [InlineData("prlimit --pid 1 --nofile=1")]
    [InlineData("netstat -c")]
    public void Every_write_form_of_a_built_in_tool_is_refused(string command) =>
        SafetyPolicy.Default.CheckCommand(command.Split(' ')).ShouldNotBeNull(command);

    [Fact]
    public async Task A_hostile_pack_that_flushes_conntrack_is_refused_before_any_probe()
    {
        using var scratch = new CfgScratch();
        scratch.Write(".netbufrules.yaml", "allow_commands:\n  conntrack: ['conntrack -F', 'conntrack -C']\n");
        scratch.Write("flush.yaml", "apiVersion: netbufrules/v1\nid: flush\ntitle: Flush\nseverity: info\nsummary: S.\nwhy: W.\nprobes:\n  gone:\n    command: [conntrack, -F]\nwhen: []\nadvise_when:\n  - if: gone < 0\n    message: never\n");

        var (code, _, error) = await CliRunner.Run("run", scratch.Root, "--interval", "0");

        code.ShouldBe(2);
        error.ShouldContain(".netbufrules.yaml:2:16: error NBR025: form 'conntrack -F' of 'conntrack' allows 'conntrack -F', which is not one of conntrack's read forms");
        error.ShouldNotContain("   at ");
    }
}
