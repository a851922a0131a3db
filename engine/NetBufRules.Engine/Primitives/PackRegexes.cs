// Generated from the regexes of playbooks/*.yaml by tests/NetBufRules.Tests/Primitives/PackRegexesTests.cs;
// after changing a pack regex, run the tests with UPDATE_GOLDEN=1 to rewrite this file (a pattern missing here
// still works, interpreted; the test fails so the pack keeps its speed).
using System.Text.RegularExpressions;

namespace NetBufRules.Primitives;

/// <summary>
/// The pack's regexes compiled ahead of time by the regex source generator, with the options and time limit of
/// <see cref="RegexCache"/>: the native build has no compiled regexes, and its interpreter is several times slower
/// over a kernel log. The same semantics (the generator emits what the regex compiler would); any other pattern
/// is interpreted.
/// </summary>
internal static partial class PackRegexes
{
    /// <summary>The compiled regex for <paramref name="pattern"/>, or null when no pack playbook has it.</summary>
    public static Regex? Get(string pattern) => Compiled.TryGetValue(pattern, out var regex) ? regex.Plain() : null;

    /// <summary>The compiled <c>\G(?:pattern)</c> that <see cref="RegexScan"/> tries at line starts, or null.</summary>
    public static Regex? Anchored(string pattern) => Compiled.TryGetValue(pattern, out var regex) ? regex.Anchored() : null;

    private static readonly Dictionary<string, (Func<Regex> Plain, Func<Regex> Anchored)> Compiled = new(StringComparer.Ordinal)
    {
        ["\"Ip6OutDiscards\":(?<discards>\\d+)[^\\n]*?\"Udp6SndbufErrors\":(?<udp_sndbuf>\\d+)"] = (P0, A0),
        ["(?<=^\\d+:\\s+(?<dev>[^\\s@:]+)(?:@\\S*)?[ \\t]*\\n(?:[ \\t][^\\n]*\\n)*)[ \\t]+inet\\s+(?!224\\.0\\.0\\.1\\b)(?<group>\\d+\\.\\d+\\.\\d+\\.\\d+)(?:\\s+users\\s+(?<users>\\d+))?"] = (P1, A1),
        ["(?<=^\\d+\\s+(?<dev>\\S+)\\s*:[^\\n]*\\n(?:\\t[^\\n]*\\n)*)\\t+(?!010000E0)(?<group>[0-9A-F]{8})\\s+(?<users>\\d+)"] = (P2, A2),
        ["(?<=^\\d+\\s+(?<dev>\\S+)\\s*:[^\\n]*\\n(?:\\t[^\\n]*\\n)*)\\t+(?!010000E0)[0-9A-F]{8}\\s+(?<users>\\d+)"] = (P3, A3),
        ["No journal files were found|not seeing messages|Permission denied|\\A\\s*\\z"] = (P4, A4),
        ["\\(\"(?<=^LISTEN[ \\t]+(?<recv_q>\\d+)[ \\t]+(?<send_q>\\d+)[ \\t]+(?<local>\\S+)[ \\t]+\\S+[ \\t]+users:\\((?:\\(\"[^)\\n]*\\),)*\\(\")(?=[^\\n]*\",pid=(?<owner>\\d+),fd=(?<owner_fd>\\d+)\\)\\)[ \\t]*$)(?<process>[^)\\n]*)\",pid=(?<pid>\\d+),fd=(?<fd>\\d+)\\)"] = (P5, A5),
        ["\\A(?<memory_max>max|\\d+)\\s*\\z"] = (P6, A6),
        ["\\{\"kind\":\"(?<kind>[^\"]+)\",\"handle\":\"(?<handle>[^\"]+)\",\"dev\":\"(?<dev>[^\"]+)\",\"root\":true,[^\\n]*?\"drops\":(?<drops>\\d+)"] = (P7, A7),
        ["^(?<addr>\\S+) dev (?<dev>\\S+)[^\\n]*?\\b(?<state>[A-Z]+)[ \\t]*$"] = (P8, A8),
        ["^(?<addr>\\d+\\.\\d+\\.\\d+\\.\\d+)\\s+\\S+\\s+(?<state>0x[0-9a-f]+)\\s+\\S+\\s+\\S+\\s+(?<dev>\\S+)"] = (P9, A9),
        ["^(?<limit>\\d+)"] = (P10, A10),
        ["^(?<major>\\d+)\\.(?<minor>\\d+)"] = (P11, A11),
        ["^(?<netid>\\S+)\\s+(?<state>\\S+)\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+(?<peer>\\S+)(?:[^\\n]*?(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$))?[^\\n]*\\n\\s*skmem:\\([^)]*?,o(?<o>\\d+),"] = (P12, A12),
        ["^(?<netid>\\S+)\\s+(?<state>\\S+)\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+(?<peer>\\S+)(?:[^\\n]*?(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$))?[^\\n]*\\n\\s*skmem:\\(r(?<rmem>\\d+),[^)]*?,o(?<o>\\d+),"] = (P13, A13),
        ["^(?<operstate>)\\s*(?<name>[^:\\s]+):\\s*\\d+\\s+\\d+\\s+\\d+\\s+(?<rx_missed>\\d+)\\s+(?<rx_fifo>\\d+)\\s+(?<rx_over>\\d+)\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+(?<tx_dropped>\\d+)"] = (P14, A14),
        ["^Ip6OutDiscards\\s+(?<discards>\\d+)"] = (P15, A15),
        ["^Ip6OutDiscards\\s+(?<discards>\\d+)\\n(?:[^\\n]*\\n)*?Udp6SndbufErrors\\s+(?<udp_sndbuf>\\d+)"] = (P16, A16),
        ["^LISTEN[ \\t]+(?<recv_q>\\d+)[ \\t]+(?<send_q>\\d+)[ \\t]+(?<local>\\S+)[ \\t]+\\S+(?>[ \\t]+users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=(?<fd>\\d+)\\)\\)[ \\t]*\\n|[ \\t]*\\n)[ \\t]*skmem:\\([^)\\n]*?,d(?<drops>\\d+)\\)"] = (P17, A17),
        ["^LISTEN\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<key>(?<addr>\\S+):(?<port>\\d+))\\s+\\S+(?:\\s+users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$)?"] = (P18, A18),
        ["^LISTEN\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+\\S+(?:\\s+(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=(?<fd>\\d+)\\)\\)[ \\t]*$))?"] = (P19, A19),
        ["^TCP: inuse (?<inuse>\\d+) orphan (?<orphan>\\d+) tw (?<tw>\\d+) alloc (?<alloc>\\d+) mem (?<mem>\\d+)"] = (P20, A20),
        ["^UDP: inuse (?<inuse>\\d+) mem (?<mem>\\d+)"] = (P21, A21),
        ["^Udp6RcvbufErrors\\s+(?<rcvbuf>\\d+)[\\s\\S]*?^Udp6SndbufErrors\\s+(?<sndbuf>\\d+)"] = (P22, A22),
        ["^Udp6SndbufErrors\\s+(?<sndbuf>\\d+)"] = (P23, A23),
        ["^[0-9a-f]+\\s+(?<protocol>\\d+)\\s+(?<port>-?\\d+)\\s+[0-9a-f]+\\s+(?<rmem>\\d+)\\s+\\d+\\s+\\d+\\s+\\d+\\s+(?<drops>\\d+)\\s+(?<inode>\\d+)"] = (P24, A24),
        ["^\\S+[ \\t]+\\S+[ \\t]+(?<key>(?<addr>\\S+):(?<port>\\d+))[ \\t]"] = (P25, A25),
        ["^\\S+\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+(?<peer>\\S+)[^\\n]*?(?:(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=(?<fd>\\d+)\\)\\)[ \\t]*$))?\\n\\s*skmem:\\(r\\d+,rb(?<rcvbuf>\\d+),t\\d+,tb(?<sndbuf>\\d+),[^)]*?d(?<drops>\\d+)\\)"] = (P26, A26),
        ["^\\S+\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+(?<peer>\\S+)[^\\n]*?(?:(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$))?\\n\\s*skmem:\\(r\\d+,rb\\d+,t(?<queued>\\d+),tb(?<sndbuf>\\d+),"] = (P27, A27),
        ["^\\S+\\s+\\d+\\s+\\d+\\s+(?<local>\\S+)\\s+\\S+[^\\n]*?(?:users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$)?\\n\\s*skmem:\\(r\\d+,rb\\d+,t(?<queued>\\d+),tb(?<sndbuf>\\d+),"] = (P28, A28),
        ["^\\S+\\s+\\d+\\s+\\d+\\s+(?<protocol>\\d+):(?<port>-?\\d+)\\s+\\S+\\s+skmem:\\(r\\d+,rb(?<rcvbuf>\\d+),"] = (P29, A29),
        ["^\\[ *(?<t>[\\d.]+)\\] (?:\\S+ )?kernel: (?<comm>(?:\\\\x[0-9a-f]{2}|[^\\n]){1,15}?): page allocation failure: order:(?<order>\\d+), mode:"] = (P30, A30),
        ["^\\[ *(?<t>[\\d.]+)\\] (?:\\S+ )?kernel: (?<kind>Out of memory(?: \\(oom_kill_allocating_task\\))?|Memory cgroup out of memory): Killed process (?<pid>\\d+) \\((?<comm>[^\\n]*)\\) total-vm:"] = (P31, A31),
        ["^\\[ *(?<t>[\\d.]+)\\] (?:\\S+ )?kernel: memory: usage (?<usage_kb>\\d+)kB, limit (?<limit_kb>\\d+)kB(?:[^\\n]*\\n(?!\\[ *[\\d.]+\\] (?:\\S+ )?kernel: memory: usage ))*?\\[ *[\\d.]+\\] (?:\\S+ )?kernel: oom-kill:constraint=CONSTRAINT_MEMCG[^\\n]*?,oom_memcg=(?<memcg>/(?<slice>[^,/\\n]+\\.slice)(?:/(?<subslice>[^,/\\n]+\\.slice))?/(?<unit>[^,/\\n]+\\.service)|(?:/[^,/\\n]+\\.slice)*/(?<unit>[^,/\\n]+\\.service)|/(?<loose>[^,/\\n]+)|/[^,\\n]*?)(?=,)[^\\n]*?,task=(?<comm>[^\\n]*?),pid=(?<pid>\\d+)(?:,uid=\\d+)?[ \\t]*$"] = (P32, A32),
        ["^\\[ *(?<t>[\\d.]+)\\] (?:\\S+ )?kernel: neighbour: (?<table>arp_cache|ndisc_cache): neighbor table overflow!"] = (P33, A33),
        ["^\\[ *(?<t>[\\d.]+)\\](?: ?\\[ *[TC]\\d+\\])? (?<comm>(?:\\\\x[0-9a-f]{2}|[^\\n]){1,15}?): page allocation failure: order:(?<order>\\d+), mode:"] = (P34, A34),
        ["^\\[ *(?<t>[\\d.]+)\\](?: ?\\[ *[TC]\\d+\\])? (?<kind>Out of memory(?: \\(oom_kill_allocating_task\\))?|Memory cgroup out of memory): Killed process (?<pid>\\d+) \\((?<comm>[^\\n]*)\\) total-vm:"] = (P35, A35),
        ["^\\[ *(?<t>[\\d.]+)\\](?: ?\\[ *[TC]\\d+\\])? memory: usage (?<usage_kb>\\d+)kB, limit (?<limit_kb>\\d+)kB(?:[^\\n]*\\n(?!\\[ *[\\d.]+\\](?: ?\\[ *[TC]\\d+\\])? memory: usage ))*?\\[ *[\\d.]+\\](?: ?\\[ *[TC]\\d+\\])? oom-kill:constraint=CONSTRAINT_MEMCG[^\\n]*?,oom_memcg=(?<memcg>/(?<slice>[^,/\\n]+\\.slice)(?:/(?<subslice>[^,/\\n]+\\.slice))?/(?<unit>[^,/\\n]+\\.service)|(?:/[^,/\\n]+\\.slice)*/(?<unit>[^,/\\n]+\\.service)|/(?<loose>[^,/\\n]+)|/[^,\\n]*?)(?=,)[^\\n]*?,task=(?<comm>[^\\n]*?),pid=(?<pid>\\d+)(?:,uid=\\d+)?[ \\t]*$"] = (P36, A36),
        ["^\\[ *(?<t>[\\d.]+)\\](?: ?\\[ *[TC]\\d+\\])? neighbour: (?<table>arp_cache|ndisc_cache): neighbor table overflow!"] = (P37, A37),
        ["^\\d+:\\s+(?<name>[^:@\\s]+)"] = (P38, A38),
        ["^\\d+\\s+(?<dev>\\S+)\\s+(?!ff0[12]0{27}1\\s)(?!ff020{17}1ff)(?<group>[0-9a-f]{32})\\s+(?<users>\\d+)"] = (P39, A39),
        ["^\\s*(?<name>[^:\\s]+):"] = (P40, A40),
        ["^\\s*\\d+:\\s+(?<local>[0-9A-F]+:[0-9A-F]+)\\s+(?<peer>\\S+)\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+(?<uid>\\d+)\\s+\\d+\\s+(?<inode>\\d+)\\s+\\d+\\s+\\S+\\s+(?<drops>\\d+)(?<recv_q>)(?<send_q>)(?<rcvbuf>)(?<sndbuf>)(?<process>)(?<pid>)(?<fd>)"] = (P41, A41),
        ["^\\s*\\d+:\\s+\\S+\\s+\\S+\\s+03\\s"] = (P42, A42),
        ["^\\s*\\d+\\s+(?<key>(?<dev>\\S+)\\s+(?<group>[0-9a-f]{32}))\\s+(?<source>[0-9a-f]{32})\\s+(?<inc>\\d+)\\s+(?<exc>\\d+)"] = (P43, A43),
        ["^\\s*\\d+\\s+(?<key>(?<dev>\\S+)\\s+0x(?<group>[0-9a-f]+))\\s+0x(?<source>[0-9a-f]+)\\s+(?<inc>\\d+)\\s+(?<exc>\\d+)"] = (P44, A44),
        ["^filter (?:parent \\S+ )?protocol (?<protocol>\\S+) pref (?<pref>\\d+) (?<kind>\\S+) chain (?<chain>\\d+) (?=(?:[^\\n]* name (?<name>\\S+))?)(?<spec>(?:handle|fh) [^\\n]*?)\\s*$"] = (P45, A45),
        ["^oom_kill (?<value>\\d+)"] = (P46, A46),
        ["^qdisc (?<kind>\\S+) (?<handle>\\S+) dev (?<dev>\\S+) (?:root|parent (?<parent>\\S+))[^\\n]*\\n\\s*Sent \\d+ bytes \\d+ pkt \\(dropped (?<drops>\\d+)"] = (P47, A47),
        ["^qdisc (?<kind>\\S+) (?<handle>\\S+) dev (?<dev>\\S+) parent (?<pmajor>[0-9a-f]+:)(?<minor>[0-9a-f]*)[^\\n]*\\n\\s*Sent \\d+ bytes \\d+ pkt \\(dropped (?<drops>\\d+)"] = (P48, A48),
        ["^qdisc (?<kind>\\S+) (?<handle>\\S+) dev (?<dev>\\S+) root[^\\n]*\\n\\s*Sent \\d+ bytes \\d+ pkt \\(dropped (?<drops>\\d+)"] = (P49, A49),
        ["^qdisc (?<kind>\\S+) (?<handle>\\S+) dev (?<dev>\\S+)(?: parent (?<parent>\\S+))?[^\\n]*\\n\\s*Sent \\d+ bytes \\d+ pkt \\(dropped (?<drops>\\d+), overlimits (?<overlimits>\\d+)[^\\n]*(?:\\n\\s*backlog \\S+ (?<qlen>\\d+)p)?"] = (P50, A50),
        ["^qdisc (?<kind>clsact) (?<handle>\\S+) dev (?<dev>\\S+)[^\\n]*\\n\\s*Sent (?<bytes>\\d+) bytes (?<packets>\\d+) pkt \\(dropped (?<drops>\\d+)"] = (P51, A51),
        ["^some avg10=(?<some10>[\\d.]+) avg60=(?<some60>[\\d.]+)[\\s\\S]*?^full avg10=(?<full10>[\\d.]+)"] = (P52, A52),
        ["^src (?<src>\\S+) dst (?<dst>\\S+)(?<selector>[^\\n]*?)[ \\t]*\\n[ \\t]+dir (?<dir>\\S+) action block priority (?<priority>\\d+)(?: ptype (?<ptype>\\S+))?"] = (P53, A53),
        ["^src (?<src>\\S+) dst (?<dst>\\S+)(?<selector>[^\\n]*?)[ \\t]*\\n[ \\t]+dir (?<dir>\\S+) priority (?<priority>\\d+)(?: ptype (?<ptype>\\S+))?[^\\n]*\\n(?=(?:[ \\t]+tmpl [^\\n]*\\n[ \\t]+[^\\n]*\\n){5}[ \\t]+(?<at_limit>tmpl) )?"] = (P54, A54),
        ["^tcp\\s+(?<state>\\S+)\\s+(?<recv_q>\\d+)\\s+\\d+\\s+(?<local>\\S+)\\s+(?<peer>\\S+)[^\\n]*?(?:(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$))?\\n\\s*skmem:\\(r\\d+,rb(?<rcvbuf>\\d+),[^)]*?d(?<drops>\\d+)\\)"] = (P55, A55),
    };

    [GeneratedRegex("\"Ip6OutDiscards\":(?<discards>\\d+)[^\\n]*?\"Udp6SndbufErrors\":(?<udp_sndbuf>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P0();

    [GeneratedRegex("\\G(?:\"Ip6OutDiscards\":(?<discards>\\d+)[^\\n]*?\"Udp6SndbufErrors\":(?<udp_sndbuf>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A0();

    [GeneratedRegex("(?<=^\\d+:\\s+(?<dev>[^\\s@:]+)(?:@\\S*)?[ \\t]*\\n(?:[ \\t][^\\n]*\\n)*)[ \\t]+inet\\s+(?!224\\.0\\.0\\.1\\b)(?<group>\\d+\\.\\d+\\.\\d+\\.\\d+)(?:\\s+users\\s+(?<users>\\d+))?", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P1();

    [GeneratedRegex("\\G(?:(?<=^\\d+:\\s+(?<dev>[^\\s@:]+)(?:@\\S*)?[ \\t]*\\n(?:[ \\t][^\\n]*\\n)*)[ \\t]+inet\\s+(?!224\\.0\\.0\\.1\\b)(?<group>\\d+\\.\\d+\\.\\d+\\.\\d+)(?:\\s+users\\s+(?<users>\\d+))?)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A1();

    [GeneratedRegex("(?<=^\\d+\\s+(?<dev>\\S+)\\s*:[^\\n]*\\n(?:\\t[^\\n]*\\n)*)\\t+(?!010000E0)(?<group>[0-9A-F]{8})\\s+(?<users>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P2();

    [GeneratedRegex("\\G(?:(?<=^\\d+\\s+(?<dev>\\S+)\\s*:[^\\n]*\\n(?:\\t[^\\n]*\\n)*)\\t+(?!010000E0)(?<group>[0-9A-F]{8})\\s+(?<users>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A2();

    [GeneratedRegex("(?<=^\\d+\\s+(?<dev>\\S+)\\s*:[^\\n]*\\n(?:\\t[^\\n]*\\n)*)\\t+(?!010000E0)[0-9A-F]{8}\\s+(?<users>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P3();

    [GeneratedRegex("\\G(?:(?<=^\\d+\\s+(?<dev>\\S+)\\s*:[^\\n]*\\n(?:\\t[^\\n]*\\n)*)\\t+(?!010000E0)[0-9A-F]{8}\\s+(?<users>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A3();

    [GeneratedRegex("No journal files were found|not seeing messages|Permission denied|\\A\\s*\\z", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P4();

    [GeneratedRegex("\\G(?:No journal files were found|not seeing messages|Permission denied|\\A\\s*\\z)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A4();

    [GeneratedRegex("\\(\"(?<=^LISTEN[ \\t]+(?<recv_q>\\d+)[ \\t]+(?<send_q>\\d+)[ \\t]+(?<local>\\S+)[ \\t]+\\S+[ \\t]+users:\\((?:\\(\"[^)\\n]*\\),)*\\(\")(?=[^\\n]*\",pid=(?<owner>\\d+),fd=(?<owner_fd>\\d+)\\)\\)[ \\t]*$)(?<process>[^)\\n]*)\",pid=(?<pid>\\d+),fd=(?<fd>\\d+)\\)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P5();

    [GeneratedRegex("\\G(?:\\(\"(?<=^LISTEN[ \\t]+(?<recv_q>\\d+)[ \\t]+(?<send_q>\\d+)[ \\t]+(?<local>\\S+)[ \\t]+\\S+[ \\t]+users:\\((?:\\(\"[^)\\n]*\\),)*\\(\")(?=[^\\n]*\",pid=(?<owner>\\d+),fd=(?<owner_fd>\\d+)\\)\\)[ \\t]*$)(?<process>[^)\\n]*)\",pid=(?<pid>\\d+),fd=(?<fd>\\d+)\\))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A5();

    [GeneratedRegex("\\A(?<memory_max>max|\\d+)\\s*\\z", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P6();

    [GeneratedRegex("\\G(?:\\A(?<memory_max>max|\\d+)\\s*\\z)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A6();

    [GeneratedRegex("\\{\"kind\":\"(?<kind>[^\"]+)\",\"handle\":\"(?<handle>[^\"]+)\",\"dev\":\"(?<dev>[^\"]+)\",\"root\":true,[^\\n]*?\"drops\":(?<drops>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P7();

    [GeneratedRegex("\\G(?:\\{\"kind\":\"(?<kind>[^\"]+)\",\"handle\":\"(?<handle>[^\"]+)\",\"dev\":\"(?<dev>[^\"]+)\",\"root\":true,[^\\n]*?\"drops\":(?<drops>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A7();

    [GeneratedRegex("^(?<addr>\\S+) dev (?<dev>\\S+)[^\\n]*?\\b(?<state>[A-Z]+)[ \\t]*$", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P8();

    [GeneratedRegex("\\G(?:^(?<addr>\\S+) dev (?<dev>\\S+)[^\\n]*?\\b(?<state>[A-Z]+)[ \\t]*$)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A8();

    [GeneratedRegex("^(?<addr>\\d+\\.\\d+\\.\\d+\\.\\d+)\\s+\\S+\\s+(?<state>0x[0-9a-f]+)\\s+\\S+\\s+\\S+\\s+(?<dev>\\S+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P9();

    [GeneratedRegex("\\G(?:^(?<addr>\\d+\\.\\d+\\.\\d+\\.\\d+)\\s+\\S+\\s+(?<state>0x[0-9a-f]+)\\s+\\S+\\s+\\S+\\s+(?<dev>\\S+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A9();

    [GeneratedRegex("^(?<limit>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P10();

    [GeneratedRegex("\\G(?:^(?<limit>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A10();

    [GeneratedRegex("^(?<major>\\d+)\\.(?<minor>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P11();

    [GeneratedRegex("\\G(?:^(?<major>\\d+)\\.(?<minor>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A11();

    [GeneratedRegex("^(?<netid>\\S+)\\s+(?<state>\\S+)\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+(?<peer>\\S+)(?:[^\\n]*?(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$))?[^\\n]*\\n\\s*skmem:\\([^)]*?,o(?<o>\\d+),", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P12();

    [GeneratedRegex("\\G(?:^(?<netid>\\S+)\\s+(?<state>\\S+)\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+(?<peer>\\S+)(?:[^\\n]*?(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$))?[^\\n]*\\n\\s*skmem:\\([^)]*?,o(?<o>\\d+),)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A12();

    [GeneratedRegex("^(?<netid>\\S+)\\s+(?<state>\\S+)\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+(?<peer>\\S+)(?:[^\\n]*?(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$))?[^\\n]*\\n\\s*skmem:\\(r(?<rmem>\\d+),[^)]*?,o(?<o>\\d+),", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P13();

    [GeneratedRegex("\\G(?:^(?<netid>\\S+)\\s+(?<state>\\S+)\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+(?<peer>\\S+)(?:[^\\n]*?(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$))?[^\\n]*\\n\\s*skmem:\\(r(?<rmem>\\d+),[^)]*?,o(?<o>\\d+),)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A13();

    [GeneratedRegex("^(?<operstate>)\\s*(?<name>[^:\\s]+):\\s*\\d+\\s+\\d+\\s+\\d+\\s+(?<rx_missed>\\d+)\\s+(?<rx_fifo>\\d+)\\s+(?<rx_over>\\d+)\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+(?<tx_dropped>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P14();

    [GeneratedRegex("\\G(?:^(?<operstate>)\\s*(?<name>[^:\\s]+):\\s*\\d+\\s+\\d+\\s+\\d+\\s+(?<rx_missed>\\d+)\\s+(?<rx_fifo>\\d+)\\s+(?<rx_over>\\d+)\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+(?<tx_dropped>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A14();

    [GeneratedRegex("^Ip6OutDiscards\\s+(?<discards>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P15();

    [GeneratedRegex("\\G(?:^Ip6OutDiscards\\s+(?<discards>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A15();

    [GeneratedRegex("^Ip6OutDiscards\\s+(?<discards>\\d+)\\n(?:[^\\n]*\\n)*?Udp6SndbufErrors\\s+(?<udp_sndbuf>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P16();

    [GeneratedRegex("\\G(?:^Ip6OutDiscards\\s+(?<discards>\\d+)\\n(?:[^\\n]*\\n)*?Udp6SndbufErrors\\s+(?<udp_sndbuf>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A16();

    [GeneratedRegex("^LISTEN[ \\t]+(?<recv_q>\\d+)[ \\t]+(?<send_q>\\d+)[ \\t]+(?<local>\\S+)[ \\t]+\\S+(?>[ \\t]+users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=(?<fd>\\d+)\\)\\)[ \\t]*\\n|[ \\t]*\\n)[ \\t]*skmem:\\([^)\\n]*?,d(?<drops>\\d+)\\)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P17();

    [GeneratedRegex("\\G(?:^LISTEN[ \\t]+(?<recv_q>\\d+)[ \\t]+(?<send_q>\\d+)[ \\t]+(?<local>\\S+)[ \\t]+\\S+(?>[ \\t]+users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=(?<fd>\\d+)\\)\\)[ \\t]*\\n|[ \\t]*\\n)[ \\t]*skmem:\\([^)\\n]*?,d(?<drops>\\d+)\\))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A17();

    [GeneratedRegex("^LISTEN\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<key>(?<addr>\\S+):(?<port>\\d+))\\s+\\S+(?:\\s+users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$)?", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P18();

    [GeneratedRegex("\\G(?:^LISTEN\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<key>(?<addr>\\S+):(?<port>\\d+))\\s+\\S+(?:\\s+users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$)?)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A18();

    [GeneratedRegex("^LISTEN\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+\\S+(?:\\s+(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=(?<fd>\\d+)\\)\\)[ \\t]*$))?", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P19();

    [GeneratedRegex("\\G(?:^LISTEN\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+\\S+(?:\\s+(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=(?<fd>\\d+)\\)\\)[ \\t]*$))?)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A19();

    [GeneratedRegex("^TCP: inuse (?<inuse>\\d+) orphan (?<orphan>\\d+) tw (?<tw>\\d+) alloc (?<alloc>\\d+) mem (?<mem>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P20();

    [GeneratedRegex("\\G(?:^TCP: inuse (?<inuse>\\d+) orphan (?<orphan>\\d+) tw (?<tw>\\d+) alloc (?<alloc>\\d+) mem (?<mem>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A20();

    [GeneratedRegex("^UDP: inuse (?<inuse>\\d+) mem (?<mem>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P21();

    [GeneratedRegex("\\G(?:^UDP: inuse (?<inuse>\\d+) mem (?<mem>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A21();

    [GeneratedRegex("^Udp6RcvbufErrors\\s+(?<rcvbuf>\\d+)[\\s\\S]*?^Udp6SndbufErrors\\s+(?<sndbuf>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P22();

    [GeneratedRegex("\\G(?:^Udp6RcvbufErrors\\s+(?<rcvbuf>\\d+)[\\s\\S]*?^Udp6SndbufErrors\\s+(?<sndbuf>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A22();

    [GeneratedRegex("^Udp6SndbufErrors\\s+(?<sndbuf>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P23();

    [GeneratedRegex("\\G(?:^Udp6SndbufErrors\\s+(?<sndbuf>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A23();

    [GeneratedRegex("^[0-9a-f]+\\s+(?<protocol>\\d+)\\s+(?<port>-?\\d+)\\s+[0-9a-f]+\\s+(?<rmem>\\d+)\\s+\\d+\\s+\\d+\\s+\\d+\\s+(?<drops>\\d+)\\s+(?<inode>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P24();

    [GeneratedRegex("\\G(?:^[0-9a-f]+\\s+(?<protocol>\\d+)\\s+(?<port>-?\\d+)\\s+[0-9a-f]+\\s+(?<rmem>\\d+)\\s+\\d+\\s+\\d+\\s+\\d+\\s+(?<drops>\\d+)\\s+(?<inode>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A24();

    [GeneratedRegex("^\\S+[ \\t]+\\S+[ \\t]+(?<key>(?<addr>\\S+):(?<port>\\d+))[ \\t]", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P25();

    [GeneratedRegex("\\G(?:^\\S+[ \\t]+\\S+[ \\t]+(?<key>(?<addr>\\S+):(?<port>\\d+))[ \\t])", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A25();

    [GeneratedRegex("^\\S+\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+(?<peer>\\S+)[^\\n]*?(?:(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=(?<fd>\\d+)\\)\\)[ \\t]*$))?\\n\\s*skmem:\\(r\\d+,rb(?<rcvbuf>\\d+),t\\d+,tb(?<sndbuf>\\d+),[^)]*?d(?<drops>\\d+)\\)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P26();

    [GeneratedRegex("\\G(?:^\\S+\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+(?<peer>\\S+)[^\\n]*?(?:(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=(?<fd>\\d+)\\)\\)[ \\t]*$))?\\n\\s*skmem:\\(r\\d+,rb(?<rcvbuf>\\d+),t\\d+,tb(?<sndbuf>\\d+),[^)]*?d(?<drops>\\d+)\\))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A26();

    [GeneratedRegex("^\\S+\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+(?<peer>\\S+)[^\\n]*?(?:(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$))?\\n\\s*skmem:\\(r\\d+,rb\\d+,t(?<queued>\\d+),tb(?<sndbuf>\\d+),", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P27();

    [GeneratedRegex("\\G(?:^\\S+\\s+(?<recv_q>\\d+)\\s+(?<send_q>\\d+)\\s+(?<local>\\S+)\\s+(?<peer>\\S+)[^\\n]*?(?:(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$))?\\n\\s*skmem:\\(r\\d+,rb\\d+,t(?<queued>\\d+),tb(?<sndbuf>\\d+),)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A27();

    [GeneratedRegex("^\\S+\\s+\\d+\\s+\\d+\\s+(?<local>\\S+)\\s+\\S+[^\\n]*?(?:users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$)?\\n\\s*skmem:\\(r\\d+,rb\\d+,t(?<queued>\\d+),tb(?<sndbuf>\\d+),", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P28();

    [GeneratedRegex("\\G(?:^\\S+\\s+\\d+\\s+\\d+\\s+(?<local>\\S+)\\s+\\S+[^\\n]*?(?:users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$)?\\n\\s*skmem:\\(r\\d+,rb\\d+,t(?<queued>\\d+),tb(?<sndbuf>\\d+),)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A28();

    [GeneratedRegex("^\\S+\\s+\\d+\\s+\\d+\\s+(?<protocol>\\d+):(?<port>-?\\d+)\\s+\\S+\\s+skmem:\\(r\\d+,rb(?<rcvbuf>\\d+),", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P29();

    [GeneratedRegex("\\G(?:^\\S+\\s+\\d+\\s+\\d+\\s+(?<protocol>\\d+):(?<port>-?\\d+)\\s+\\S+\\s+skmem:\\(r\\d+,rb(?<rcvbuf>\\d+),)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A29();

    [GeneratedRegex("^\\[ *(?<t>[\\d.]+)\\] (?:\\S+ )?kernel: (?<comm>(?:\\\\x[0-9a-f]{2}|[^\\n]){1,15}?): page allocation failure: order:(?<order>\\d+), mode:", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P30();

    [GeneratedRegex("\\G(?:^\\[ *(?<t>[\\d.]+)\\] (?:\\S+ )?kernel: (?<comm>(?:\\\\x[0-9a-f]{2}|[^\\n]){1,15}?): page allocation failure: order:(?<order>\\d+), mode:)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A30();

    [GeneratedRegex("^\\[ *(?<t>[\\d.]+)\\] (?:\\S+ )?kernel: (?<kind>Out of memory(?: \\(oom_kill_allocating_task\\))?|Memory cgroup out of memory): Killed process (?<pid>\\d+) \\((?<comm>[^\\n]*)\\) total-vm:", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P31();

    [GeneratedRegex("\\G(?:^\\[ *(?<t>[\\d.]+)\\] (?:\\S+ )?kernel: (?<kind>Out of memory(?: \\(oom_kill_allocating_task\\))?|Memory cgroup out of memory): Killed process (?<pid>\\d+) \\((?<comm>[^\\n]*)\\) total-vm:)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A31();

    [GeneratedRegex("^\\[ *(?<t>[\\d.]+)\\] (?:\\S+ )?kernel: memory: usage (?<usage_kb>\\d+)kB, limit (?<limit_kb>\\d+)kB(?:[^\\n]*\\n(?!\\[ *[\\d.]+\\] (?:\\S+ )?kernel: memory: usage ))*?\\[ *[\\d.]+\\] (?:\\S+ )?kernel: oom-kill:constraint=CONSTRAINT_MEMCG[^\\n]*?,oom_memcg=(?<memcg>/(?<slice>[^,/\\n]+\\.slice)(?:/(?<subslice>[^,/\\n]+\\.slice))?/(?<unit>[^,/\\n]+\\.service)|(?:/[^,/\\n]+\\.slice)*/(?<unit>[^,/\\n]+\\.service)|/(?<loose>[^,/\\n]+)|/[^,\\n]*?)(?=,)[^\\n]*?,task=(?<comm>[^\\n]*?),pid=(?<pid>\\d+)(?:,uid=\\d+)?[ \\t]*$", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P32();

    [GeneratedRegex("\\G(?:^\\[ *(?<t>[\\d.]+)\\] (?:\\S+ )?kernel: memory: usage (?<usage_kb>\\d+)kB, limit (?<limit_kb>\\d+)kB(?:[^\\n]*\\n(?!\\[ *[\\d.]+\\] (?:\\S+ )?kernel: memory: usage ))*?\\[ *[\\d.]+\\] (?:\\S+ )?kernel: oom-kill:constraint=CONSTRAINT_MEMCG[^\\n]*?,oom_memcg=(?<memcg>/(?<slice>[^,/\\n]+\\.slice)(?:/(?<subslice>[^,/\\n]+\\.slice))?/(?<unit>[^,/\\n]+\\.service)|(?:/[^,/\\n]+\\.slice)*/(?<unit>[^,/\\n]+\\.service)|/(?<loose>[^,/\\n]+)|/[^,\\n]*?)(?=,)[^\\n]*?,task=(?<comm>[^\\n]*?),pid=(?<pid>\\d+)(?:,uid=\\d+)?[ \\t]*$)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A32();

    [GeneratedRegex("^\\[ *(?<t>[\\d.]+)\\] (?:\\S+ )?kernel: neighbour: (?<table>arp_cache|ndisc_cache): neighbor table overflow!", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P33();

    [GeneratedRegex("\\G(?:^\\[ *(?<t>[\\d.]+)\\] (?:\\S+ )?kernel: neighbour: (?<table>arp_cache|ndisc_cache): neighbor table overflow!)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A33();

    [GeneratedRegex("^\\[ *(?<t>[\\d.]+)\\](?: ?\\[ *[TC]\\d+\\])? (?<comm>(?:\\\\x[0-9a-f]{2}|[^\\n]){1,15}?): page allocation failure: order:(?<order>\\d+), mode:", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P34();

    [GeneratedRegex("\\G(?:^\\[ *(?<t>[\\d.]+)\\](?: ?\\[ *[TC]\\d+\\])? (?<comm>(?:\\\\x[0-9a-f]{2}|[^\\n]){1,15}?): page allocation failure: order:(?<order>\\d+), mode:)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A34();

    [GeneratedRegex("^\\[ *(?<t>[\\d.]+)\\](?: ?\\[ *[TC]\\d+\\])? (?<kind>Out of memory(?: \\(oom_kill_allocating_task\\))?|Memory cgroup out of memory): Killed process (?<pid>\\d+) \\((?<comm>[^\\n]*)\\) total-vm:", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P35();

    [GeneratedRegex("\\G(?:^\\[ *(?<t>[\\d.]+)\\](?: ?\\[ *[TC]\\d+\\])? (?<kind>Out of memory(?: \\(oom_kill_allocating_task\\))?|Memory cgroup out of memory): Killed process (?<pid>\\d+) \\((?<comm>[^\\n]*)\\) total-vm:)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A35();

    [GeneratedRegex("^\\[ *(?<t>[\\d.]+)\\](?: ?\\[ *[TC]\\d+\\])? memory: usage (?<usage_kb>\\d+)kB, limit (?<limit_kb>\\d+)kB(?:[^\\n]*\\n(?!\\[ *[\\d.]+\\](?: ?\\[ *[TC]\\d+\\])? memory: usage ))*?\\[ *[\\d.]+\\](?: ?\\[ *[TC]\\d+\\])? oom-kill:constraint=CONSTRAINT_MEMCG[^\\n]*?,oom_memcg=(?<memcg>/(?<slice>[^,/\\n]+\\.slice)(?:/(?<subslice>[^,/\\n]+\\.slice))?/(?<unit>[^,/\\n]+\\.service)|(?:/[^,/\\n]+\\.slice)*/(?<unit>[^,/\\n]+\\.service)|/(?<loose>[^,/\\n]+)|/[^,\\n]*?)(?=,)[^\\n]*?,task=(?<comm>[^\\n]*?),pid=(?<pid>\\d+)(?:,uid=\\d+)?[ \\t]*$", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P36();

    [GeneratedRegex("\\G(?:^\\[ *(?<t>[\\d.]+)\\](?: ?\\[ *[TC]\\d+\\])? memory: usage (?<usage_kb>\\d+)kB, limit (?<limit_kb>\\d+)kB(?:[^\\n]*\\n(?!\\[ *[\\d.]+\\](?: ?\\[ *[TC]\\d+\\])? memory: usage ))*?\\[ *[\\d.]+\\](?: ?\\[ *[TC]\\d+\\])? oom-kill:constraint=CONSTRAINT_MEMCG[^\\n]*?,oom_memcg=(?<memcg>/(?<slice>[^,/\\n]+\\.slice)(?:/(?<subslice>[^,/\\n]+\\.slice))?/(?<unit>[^,/\\n]+\\.service)|(?:/[^,/\\n]+\\.slice)*/(?<unit>[^,/\\n]+\\.service)|/(?<loose>[^,/\\n]+)|/[^,\\n]*?)(?=,)[^\\n]*?,task=(?<comm>[^\\n]*?),pid=(?<pid>\\d+)(?:,uid=\\d+)?[ \\t]*$)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A36();

    [GeneratedRegex("^\\[ *(?<t>[\\d.]+)\\](?: ?\\[ *[TC]\\d+\\])? neighbour: (?<table>arp_cache|ndisc_cache): neighbor table overflow!", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P37();

    [GeneratedRegex("\\G(?:^\\[ *(?<t>[\\d.]+)\\](?: ?\\[ *[TC]\\d+\\])? neighbour: (?<table>arp_cache|ndisc_cache): neighbor table overflow!)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A37();

    [GeneratedRegex("^\\d+:\\s+(?<name>[^:@\\s]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P38();

    [GeneratedRegex("\\G(?:^\\d+:\\s+(?<name>[^:@\\s]+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A38();

    [GeneratedRegex("^\\d+\\s+(?<dev>\\S+)\\s+(?!ff0[12]0{27}1\\s)(?!ff020{17}1ff)(?<group>[0-9a-f]{32})\\s+(?<users>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P39();

    [GeneratedRegex("\\G(?:^\\d+\\s+(?<dev>\\S+)\\s+(?!ff0[12]0{27}1\\s)(?!ff020{17}1ff)(?<group>[0-9a-f]{32})\\s+(?<users>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A39();

    [GeneratedRegex("^\\s*(?<name>[^:\\s]+):", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P40();

    [GeneratedRegex("\\G(?:^\\s*(?<name>[^:\\s]+):)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A40();

    [GeneratedRegex("^\\s*\\d+:\\s+(?<local>[0-9A-F]+:[0-9A-F]+)\\s+(?<peer>\\S+)\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+(?<uid>\\d+)\\s+\\d+\\s+(?<inode>\\d+)\\s+\\d+\\s+\\S+\\s+(?<drops>\\d+)(?<recv_q>)(?<send_q>)(?<rcvbuf>)(?<sndbuf>)(?<process>)(?<pid>)(?<fd>)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P41();

    [GeneratedRegex("\\G(?:^\\s*\\d+:\\s+(?<local>[0-9A-F]+:[0-9A-F]+)\\s+(?<peer>\\S+)\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+(?<uid>\\d+)\\s+\\d+\\s+(?<inode>\\d+)\\s+\\d+\\s+\\S+\\s+(?<drops>\\d+)(?<recv_q>)(?<send_q>)(?<rcvbuf>)(?<sndbuf>)(?<process>)(?<pid>)(?<fd>))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A41();

    [GeneratedRegex("^\\s*\\d+:\\s+\\S+\\s+\\S+\\s+03\\s", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P42();

    [GeneratedRegex("\\G(?:^\\s*\\d+:\\s+\\S+\\s+\\S+\\s+03\\s)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A42();

    [GeneratedRegex("^\\s*\\d+\\s+(?<key>(?<dev>\\S+)\\s+(?<group>[0-9a-f]{32}))\\s+(?<source>[0-9a-f]{32})\\s+(?<inc>\\d+)\\s+(?<exc>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P43();

    [GeneratedRegex("\\G(?:^\\s*\\d+\\s+(?<key>(?<dev>\\S+)\\s+(?<group>[0-9a-f]{32}))\\s+(?<source>[0-9a-f]{32})\\s+(?<inc>\\d+)\\s+(?<exc>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A43();

    [GeneratedRegex("^\\s*\\d+\\s+(?<key>(?<dev>\\S+)\\s+0x(?<group>[0-9a-f]+))\\s+0x(?<source>[0-9a-f]+)\\s+(?<inc>\\d+)\\s+(?<exc>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P44();

    [GeneratedRegex("\\G(?:^\\s*\\d+\\s+(?<key>(?<dev>\\S+)\\s+0x(?<group>[0-9a-f]+))\\s+0x(?<source>[0-9a-f]+)\\s+(?<inc>\\d+)\\s+(?<exc>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A44();

    [GeneratedRegex("^filter (?:parent \\S+ )?protocol (?<protocol>\\S+) pref (?<pref>\\d+) (?<kind>\\S+) chain (?<chain>\\d+) (?=(?:[^\\n]* name (?<name>\\S+))?)(?<spec>(?:handle|fh) [^\\n]*?)\\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P45();

    [GeneratedRegex("\\G(?:^filter (?:parent \\S+ )?protocol (?<protocol>\\S+) pref (?<pref>\\d+) (?<kind>\\S+) chain (?<chain>\\d+) (?=(?:[^\\n]* name (?<name>\\S+))?)(?<spec>(?:handle|fh) [^\\n]*?)\\s*$)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A45();

    [GeneratedRegex("^oom_kill (?<value>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P46();

    [GeneratedRegex("\\G(?:^oom_kill (?<value>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A46();

    [GeneratedRegex("^qdisc (?<kind>\\S+) (?<handle>\\S+) dev (?<dev>\\S+) (?:root|parent (?<parent>\\S+))[^\\n]*\\n\\s*Sent \\d+ bytes \\d+ pkt \\(dropped (?<drops>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P47();

    [GeneratedRegex("\\G(?:^qdisc (?<kind>\\S+) (?<handle>\\S+) dev (?<dev>\\S+) (?:root|parent (?<parent>\\S+))[^\\n]*\\n\\s*Sent \\d+ bytes \\d+ pkt \\(dropped (?<drops>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A47();

    [GeneratedRegex("^qdisc (?<kind>\\S+) (?<handle>\\S+) dev (?<dev>\\S+) parent (?<pmajor>[0-9a-f]+:)(?<minor>[0-9a-f]*)[^\\n]*\\n\\s*Sent \\d+ bytes \\d+ pkt \\(dropped (?<drops>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P48();

    [GeneratedRegex("\\G(?:^qdisc (?<kind>\\S+) (?<handle>\\S+) dev (?<dev>\\S+) parent (?<pmajor>[0-9a-f]+:)(?<minor>[0-9a-f]*)[^\\n]*\\n\\s*Sent \\d+ bytes \\d+ pkt \\(dropped (?<drops>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A48();

    [GeneratedRegex("^qdisc (?<kind>\\S+) (?<handle>\\S+) dev (?<dev>\\S+) root[^\\n]*\\n\\s*Sent \\d+ bytes \\d+ pkt \\(dropped (?<drops>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P49();

    [GeneratedRegex("\\G(?:^qdisc (?<kind>\\S+) (?<handle>\\S+) dev (?<dev>\\S+) root[^\\n]*\\n\\s*Sent \\d+ bytes \\d+ pkt \\(dropped (?<drops>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A49();

    [GeneratedRegex("^qdisc (?<kind>\\S+) (?<handle>\\S+) dev (?<dev>\\S+)(?: parent (?<parent>\\S+))?[^\\n]*\\n\\s*Sent \\d+ bytes \\d+ pkt \\(dropped (?<drops>\\d+), overlimits (?<overlimits>\\d+)[^\\n]*(?:\\n\\s*backlog \\S+ (?<qlen>\\d+)p)?", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P50();

    [GeneratedRegex("\\G(?:^qdisc (?<kind>\\S+) (?<handle>\\S+) dev (?<dev>\\S+)(?: parent (?<parent>\\S+))?[^\\n]*\\n\\s*Sent \\d+ bytes \\d+ pkt \\(dropped (?<drops>\\d+), overlimits (?<overlimits>\\d+)[^\\n]*(?:\\n\\s*backlog \\S+ (?<qlen>\\d+)p)?)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A50();

    [GeneratedRegex("^qdisc (?<kind>clsact) (?<handle>\\S+) dev (?<dev>\\S+)[^\\n]*\\n\\s*Sent (?<bytes>\\d+) bytes (?<packets>\\d+) pkt \\(dropped (?<drops>\\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P51();

    [GeneratedRegex("\\G(?:^qdisc (?<kind>clsact) (?<handle>\\S+) dev (?<dev>\\S+)[^\\n]*\\n\\s*Sent (?<bytes>\\d+) bytes (?<packets>\\d+) pkt \\(dropped (?<drops>\\d+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A51();

    [GeneratedRegex("^some avg10=(?<some10>[\\d.]+) avg60=(?<some60>[\\d.]+)[\\s\\S]*?^full avg10=(?<full10>[\\d.]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P52();

    [GeneratedRegex("\\G(?:^some avg10=(?<some10>[\\d.]+) avg60=(?<some60>[\\d.]+)[\\s\\S]*?^full avg10=(?<full10>[\\d.]+))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A52();

    [GeneratedRegex("^src (?<src>\\S+) dst (?<dst>\\S+)(?<selector>[^\\n]*?)[ \\t]*\\n[ \\t]+dir (?<dir>\\S+) action block priority (?<priority>\\d+)(?: ptype (?<ptype>\\S+))?", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P53();

    [GeneratedRegex("\\G(?:^src (?<src>\\S+) dst (?<dst>\\S+)(?<selector>[^\\n]*?)[ \\t]*\\n[ \\t]+dir (?<dir>\\S+) action block priority (?<priority>\\d+)(?: ptype (?<ptype>\\S+))?)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A53();

    [GeneratedRegex("^src (?<src>\\S+) dst (?<dst>\\S+)(?<selector>[^\\n]*?)[ \\t]*\\n[ \\t]+dir (?<dir>\\S+) priority (?<priority>\\d+)(?: ptype (?<ptype>\\S+))?[^\\n]*\\n(?=(?:[ \\t]+tmpl [^\\n]*\\n[ \\t]+[^\\n]*\\n){5}[ \\t]+(?<at_limit>tmpl) )?", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P54();

    [GeneratedRegex("\\G(?:^src (?<src>\\S+) dst (?<dst>\\S+)(?<selector>[^\\n]*?)[ \\t]*\\n[ \\t]+dir (?<dir>\\S+) priority (?<priority>\\d+)(?: ptype (?<ptype>\\S+))?[^\\n]*\\n(?=(?:[ \\t]+tmpl [^\\n]*\\n[ \\t]+[^\\n]*\\n){5}[ \\t]+(?<at_limit>tmpl) )?)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A54();

    [GeneratedRegex("^tcp\\s+(?<state>\\S+)\\s+(?<recv_q>\\d+)\\s+\\d+\\s+(?<local>\\S+)\\s+(?<peer>\\S+)[^\\n]*?(?:(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$))?\\n\\s*skmem:\\(r\\d+,rb(?<rcvbuf>\\d+),[^)]*?d(?<drops>\\d+)\\)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex P55();

    [GeneratedRegex("\\G(?:^tcp\\s+(?<state>\\S+)\\s+(?<recv_q>\\d+)\\s+\\d+\\s+(?<local>\\S+)\\s+(?<peer>\\S+)[^\\n]*?(?:(?>users:\\([^\\n]*\\(\"(?<process>[^\\n]*?)\",pid=(?<pid>\\d+),fd=\\d+\\)\\)[ \\t]*$))?\\n\\s*skmem:\\(r\\d+,rb(?<rcvbuf>\\d+),[^)]*?d(?<drops>\\d+)\\))", RegexOptions.Multiline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex A55();
}
