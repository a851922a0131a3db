namespace NetBufRules.Policy;

/// <summary>
/// The read-only grammars of the diagnostic tools the built-in pack and typical playbooks use. Each form only shows,
/// lists or counts; every word that changes the host, runs a program, reads or writes a file chosen by the playbook,
/// switches namespace or waits forever is left out (and named in the tool's dangers for a better message).
/// </summary>
internal static class BuiltInTools
{
    private static Dictionary<string, string> Dangers(params (string Why, string[] Words)[] groups)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (why, words) in groups)
        {
            foreach (var w in words) map[w] = why;
        }
        return map;
    }

    private const string IpGlobal = "[-s|-d|-j|-p|-h|-4|-6|-0|-o|-br|-stats|-statistics|-details|-json|-pretty|-human|-oneline|-brief]...";
    private const string Show = "(show|list|ls)";

    public static ToolGrammar Ip { get; } = ToolGrammar.Of("ip",
        [
            $"ip {IpGlobal} link [{Show} [[dev] <ifname>] [up]]",
            $"ip {IpGlobal} (address|addr|a) [{Show} [[dev] <ifname>] [up]]",
            $"ip {IpGlobal} (route|r) [{Show} [table <word>]]",
            $"ip {IpGlobal} (neigh|neighbour|neighbor) [{Show} [[dev] <ifname>] [nud <word>]]",
            $"ip {IpGlobal} (maddress|maddr) [{Show} [[dev] <ifname>]]",
            $"ip {IpGlobal} rule [{Show}]",
            $"ip {IpGlobal} netconf [show [dev <ifname>]]",
            // xfrm state listings print the SAs' keys: only their count is allowed.
            $"ip {IpGlobal} xfrm policy [(list|show|count)]",
            $"ip {IpGlobal} xfrm state count",
        ],
        Dangers(
            ("runs a program", ["exec", "vrf"]),
            ("switches network namespace and can run a program", ["netns", "-n", "-netns"]),
            ("reads commands from a file", ["-batch", "-b"]),
            ("goes on after errors in a batch", ["-force"]),
            ("changes the host", ["set", "add", "del", "delete", "change", "replace", "flush", "append", "prepend", "restore", "save"]),
            ("waits forever", ["monitor"])));

    private const string TcGlobal = "[-s|-d|-j|-p|-g|-r|-stats|-statistics|-details|-json|-pretty|-graph|-raw|-iec]...";

    public static ToolGrammar Tc { get; } = ToolGrammar.Of("tc",
        [
            $"tc {TcGlobal} qdisc [{Show} [dev <ifname>] [(root|ingress|clsact|invisible)]]",
            $"tc {TcGlobal} class {Show} dev <ifname> [(root|parent <word>)]",
            $"tc {TcGlobal} filter {Show} dev <ifname> [(root|ingress|egress|parent <word>)]",
        ],
        Dangers(
            ("changes the host", ["add", "del", "delete", "change", "replace", "link", "flush"]),
            ("reads commands from a file", ["-batch", "-b"]),
            ("goes on after errors in a batch", ["-force"]),
            ("switches network namespace", ["-n", "-netns"]),
            ("reads a file", ["-cf", "-conf"]),
            ("runs a program", ["exec"]),
            ("waits forever", ["monitor"])));

    private const string SysctlFlags = "[-{neNqb}|--values|--names|--ignore|--quiet|--binary]...";

    public static ToolGrammar Sysctl { get; } = ToolGrammar.Of("sysctl",
        [
            $"sysctl {SysctlFlags} <sysctl> [<sysctl>]...",
            "sysctl [-{neNqbaAX}|--values|--names|--ignore|--quiet|--binary|--all]...",
        ],
        Dangers(
            ("writes a setting", ["-w", "--write", "="]),
            ("loads settings from a file", ["-p", "--load", "-f"]),
            ("loads every settings file", ["--system"])));

    private const string SsFlags = "[-{HOnaloempTisbZz460tMSudwx}|-A <word>|--query=<word>|-f <word>|--family=<word>"
        + "|--no-header|--oneline|--numeric|--all|--listening|--options|--extended|--memory|--processes|--threads|--info|--summary"
        + "|--tos|--cgroup|--bpf|--ipv4|--ipv6|--packet|--tcp|--udp|--dccp|--raw|--unix|--sctp|--mptcp|--tipc|--vsock|--xdp|--tipcinfo|--inet-sockopt]...";

    public static ToolGrammar Ss { get; } = ToolGrammar.Of("ss",
        [$"ss {SsFlags} [<filter>]..."],
        Dangers(
            ("kills sockets", ["-K", "--kill"]),
            ("writes a file", ["-D", "--diag"]),
            ("reads a file chosen by the playbook", ["-F", "--filter"]),
            ("switches network namespace", ["-N", "--net"]),
            ("waits forever", ["-E", "--events"]),
            ("resolves names over the network", ["-r", "--resolve"])),
        // -p lists other processes' /proc/PID/fd: ptrace access, and for non-dumpable processes (dotnet, sshd) a folder only root may read.
        "sys_ptrace", "dac_read_search") with
    { Also = NumericAddresses.Check };

    private const string NstatOut = "[-{zjp}|--zeros|--json|--pretty]...";

    // Without both -a (ignore history) and -s (no update) nstat opens, creates or rewrites its history file.
    public static ToolGrammar Nstat { get; } = ToolGrammar.Of("nstat",
        [
            $"nstat {NstatOut} -{{azjps:as}} {NstatOut} [<filter>]...",
            $"nstat {NstatOut} (-{{azjp:a}}|--ignore) {NstatOut} (-{{zjps:s}}|--noupdate) {NstatOut} [<filter>]...",
            $"nstat {NstatOut} (-{{zjps:s}}|--noupdate) {NstatOut} (-{{azjp:a}}|--ignore) {NstatOut} [<filter>]...",
        ],
        Dangers(
            ("resets the counters' history", ["-r", "--reset"]),
            ("writes the history file", ["-n", "--nooutput"]),
            ("starts a daemon", ["-d", "--scan"]),
            ("waits", ["-t", "--interval"])));

    public static ToolGrammar Dmesg { get; } = ToolGrammar.Of("dmesg",
        ["dmesg [-{TtkuxrdeSPJp}|--ctime|--notime|--kernel|--userspace|--decode|--raw|--show-delta|--reltime|--syslog|--nopager|--json|--force-prefix|--noescape"
            + "|-l <word>|--level <word>|--level=<word>|-f <word>|--facility <word>|--facility=<word>|--time-format <word>|--time-format=<word>"
            + "|--since <time>|--since=<time>|--until <time>|--until=<time>|--color=never]..."],
        Dangers(
            ("clears the kernel log", ["-C", "--clear", "-c", "--read-clear"]),
            ("changes console logging", ["-D", "--console-off", "-E", "--console-on", "-n", "--console-level"]),
            ("reads a file chosen by the playbook", ["-F", "--file", "-K", "--kmsg-file"]),
            ("waits forever", ["-w", "--follow", "-W", "--follow-new"]),
            ("starts a pager", ["-H", "--human"])),
        "syslog");

    // Only the output modes that print the message line: verbose, json and export print every field of every entry,
    // _CMDLINE included (command lines carry passwords), read with CAP_DAC_READ_SEARCH.
    private const string JournalctlOptions = "[-{kqramx}|--dmesg|-b|--boot|--boot=<word>|--quiet|--no-pager|--reverse|--all|--utc|--no-hostname|--catalog|--merge|--system"
        + "|-o short|--output short|--output=short|-o short-full|--output short-full|--output=short-full|-o short-iso|--output short-iso|--output=short-iso|-o short-iso-precise|--output short-iso-precise|--output=short-iso-precise|-o short-precise|--output short-precise|--output=short-precise|-o short-monotonic|--output short-monotonic|--output=short-monotonic|-o short-unix|--output short-unix|--output=short-unix|-o short-delta|--output short-delta|--output=short-delta|-o cat|--output cat|--output=cat|-o with-unit|--output with-unit|--output=with-unit|-n <n>|--lines <n>|--lines=<n>|-S <time>|--since <time>|--since=<time>|-U <time>|--until <time>|--until=<time>"
        + "|-p <word>|--priority <word>|--priority=<word>|-g <word>|--grep <word>|--grep=<word>]...";

    // The kernel's messages only (-k): sudo's COMMAND= lines, sshd's "Invalid user <password>" and any service's token
    // are userspace messages, which -t, -u or a grep over the whole journal would print. -u and -t are gone too: -u
    // adds its matches as a disjunction, which reaches past -k.
    public static ToolGrammar Journalctl { get; } = ToolGrammar.Of("journalctl",
        [$"journalctl {JournalctlOptions} (-{{kqramx:k}}|--dmesg) {JournalctlOptions}"],
        Dangers(
            ("deletes journal files", ["--vacuum-size", "--vacuum-time", "--vacuum-files", "--rotate"]),
            ("changes where the journal is kept", ["--flush", "--sync", "--relinquish-var", "--smart-relinquish-var"]),
            ("writes keys or the catalog", ["--setup-keys", "--update-catalog"]),
            ("reads files chosen by the playbook", ["-D", "--directory", "--file", "-i", "--root", "--image", "--image-policy"]),
            ("writes a file", ["--cursor-file"]),
            ("waits forever", ["-f", "--follow"])),
        "dac_read_search");

    public static ToolGrammar Ethtool { get; } = ToolGrammar.Of("ethtool",
        ["ethtool [--json|-I|--include-statistics]... [(-S|--statistics|-g|--show-ring|-l|--show-channels|-i|--driver|-k|--show-features|--show-offload"
            + "|-c|--show-coalesce|-a|--show-pause|-T|--show-time-stamping|-P|--show-permaddr|--show-eee|--show-fec|--show-priv-flags|-n|--show-nfc|-u|--show-ntuple|-x|--show-rxfh-indir|--show-rxfh)] <ifname>"],
        Dangers(
            ("changes the NIC", ["-s", "--change", "-G", "--set-ring", "-L", "--set-channels", "-K", "--features", "--offload", "-C", "--coalesce", "-A", "--pause",
                "-E", "--change-eeprom", "-r", "--negotiate", "-W", "--set-dump", "-X", "--set-rxfh-indir", "--rxfh", "-N", "--config-nfc", "--config-ntuple", "-U",
                "--set-eee", "--set-fec", "--set-priv-flags", "--reset", "--set-phy-tunable", "--set-tunable", "--cable-test", "-F"]),
            ("writes the NIC's firmware", ["-f", "--flash"]),
            ("blinks the NIC", ["-p", "--identify"]),
            ("runs the NIC's self test, which can take the link down", ["-t", "--test"])));

    private const string PrlimitResource = "--core|--cpu|--data|--fsize|--locks|--memlock|--msgqueue|--nice|--nofile|--nproc|--rss|--rtprio|--rttime|--sigpending|--stack|--as"
        + "|-c|-d|-e|-f|-i|-l|-m|-n|-q|-r|-s|-t|-u|-v|-x|-y";

    // Reading another user's limits needs CAP_SYS_RESOURCE, which could also set them: prlimit gets no capability, and
    // /proc/PID/limits (a file: source) is the way to read any process's limits.
    public static ToolGrammar Prlimit { get; } = ToolGrammar.Of("prlimit",
        [$"prlimit [{PrlimitResource}|--raw|--noheadings|--verbose|-o <word>|--output <word>|--output=<word>]... (--pid <pid>|--pid=<pid>|-p <pid>) [{PrlimitResource}|--raw|--noheadings|--verbose|-o <word>|--output <word>|--output=<word>]..."],
        Dangers(("sets a limit", ["="])));

    public static ToolGrammar Getconf { get; } = ToolGrammar.Of("getconf", ["getconf <confname>", "getconf -a"]);

    public static ToolGrammar Uname { get; } = ToolGrammar.Of("uname",
        ["uname [-{asnrvmpio}|--all|--kernel-name|--nodename|--kernel-release|--kernel-version|--machine|--processor|--hardware-platform|--operating-system]..."]);

    private const string NetstatOptions = "[-{sanltupwxeiroWvg46NM}|--statistics|--all|--numeric|--listening|--tcp|--udp|--program|--extended|--interfaces|--route|--timers|--wide|--groups|--verbose|--raw|--unix|--masquerade]...";

    // Without -n netstat looks up the name of every peer, port and gateway (a DNS query per connection, and the
    // connection list sent to the name server); statistics (-s) and the interface table (-i) look up nothing.
    public static ToolGrammar Netstat { get; } = ToolGrammar.Of("netstat",
        [
            $"netstat {NetstatOptions} (-{{sanltupwxeiroWvg46NM:n}}|--numeric) {NetstatOptions}",
            $"netstat {NetstatOptions} (-{{sanltupwxeiroWvg46NM:s}}|--statistics) {NetstatOptions}",
            $"netstat {NetstatOptions} (-{{sanltupwxeiroWvg46NM:i}}|--interfaces) {NetstatOptions}",
        ],
        Dangers(("waits forever", ["-c", "--continuous"])));

    /// <summary>Every built-in grammar by program name.</summary>
    public static IReadOnlyDictionary<string, ToolGrammar> All { get; } =
        new[] { Ip, Tc, Sysctl, Ss, Nstat, Dmesg, Journalctl, Ethtool, Prlimit, Getconf, Uname, Netstat }.ToDictionary(t => t.Program, StringComparer.Ordinal);
}
