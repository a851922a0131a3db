namespace NetBufRules.Policy;

/// <summary>
/// The read forms of the network tools a repository config may allow, which also have forms that change the host
/// (conntrack -F, bridge fdb del, devlink dev reload, wg set): a config's grammar for such a tool may only narrow
/// these, so what it allows is read-only by construction, whatever the config lists. Checked at load (each form's
/// command lines must fit a read form, else NBR025) and again on every command (it must fit both). A tool no list
/// here knows is held by <see cref="WriteWord"/>: no literal word of its forms may be a verb that changes things.
/// </summary>
internal static class ReadOnlyTools
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

    private static readonly (string Why, string[] Words) ChangesHost =
        ("changes the host", ["set", "add", "del", "delete", "change", "replace", "flush", "append", "prepend", "reload", "reset", "remove", "enable", "disable", "bind", "unbind", "flash"]);

    private static readonly (string Why, string[] Words) IprouteFiles =
        ("reads commands from a file, switches network namespace or goes on after errors", ["-b", "-batch", "-n", "-netns", "-force", "exec"]);

    private static readonly (string Why, string[] Words) Waits = ("waits forever", ["monitor", "-E", "--event", "event", "-w", "--watch"]);

    private const string ConntrackOptions = "[-{nrgjq}|-f <word>|--family <word>|-p <word>|--proto <word>|-o <word>|--output <word>|-s <word>|--src <word>|--orig-src <word>"
        + "|-d <word>|--dst <word>|--orig-dst <word>|--reply-src <word>|--reply-dst <word>|--sport <n>|--dport <n>|--orig-port-src <n>|--orig-port-dst <n>"
        + "|--reply-port-src <n>|--reply-port-dst <n>|--state <word>|-m <word>|--mark <word>|-w <n>|--zone <n>|-u <word>|--status <word>|-l <word>|--label <word>]...";

    private const string BridgeGlobal = "[-s|-d|-j|-p|-c|-o|-stats|-statistics|-details|-json|-pretty|-compressvlans|-oneline|-color=never]...";
    private const string DevlinkGlobal = "[-{jpsvn}|--json|--pretty|--statistics|--verbose|--no-nice-names]...";
    private const string RdmaGlobal = "[-{jpd}|-json|-pretty|-details]...";

    /// <summary>Each known tool's read forms, by program name.</summary>
    public static IReadOnlyDictionary<string, ToolGrammar> Known { get; } = new[]
    {
        // conntrack -F flushes, -D deletes, -I creates, -U updates entries; -z zeroes counters as it lists; -E waits; -R loads a file.
        ToolGrammar.Of("conntrack",
            [$"conntrack {ConntrackOptions} (-L|--dump|-C|--count|-S|--stats|-G|--get) [(conntrack|expect|dying|unconfirmed)] {ConntrackOptions}"],
            Dangers(("flushes the connection table", ["-F", "--flush"]), ("deletes connections", ["-D", "--delete"]), ("creates connections", ["-I", "--create"]),
                ("updates connections", ["-U", "--update"]), ("zeroes the counters", ["-z", "--zero"]), ("waits forever", ["-E", "--event"]), ("loads a file", ["-R", "--load-file"]))),
        // bridge link set, fdb add|del|replace|flush, mdb add|del, vlan add|del|set change the bridge; monitor waits.
        ToolGrammar.Of("bridge",
            [
                $"bridge {BridgeGlobal} link [show [dev <ifname>]]",
                $"bridge {BridgeGlobal} fdb [show [(br|brport|dev) <ifname>]... [vlan <n>] [(dynamic|self|master)]]",
                $"bridge {BridgeGlobal} mdb [show [dev <ifname>]]",
                $"bridge {BridgeGlobal} vlan [(show|tunnelshow) [dev <ifname>]]",
                $"bridge {BridgeGlobal} vlan global show [dev <ifname>]",
            ],
            Dangers(ChangesHost, IprouteFiles, Waits)),
        // devlink dev reload, eswitch set, port split|add|del, sb occupancy clearmax, param|resource|trap|rate set, health recover|test, region read|dump (device memory).
        ToolGrammar.Of("devlink",
            [
                $"devlink {DevlinkGlobal} (dev|port|resource|param|region|health|trap|rate|lc|sb) [show [<word>]]",
                $"devlink {DevlinkGlobal} dev info [<word>]",
                $"devlink {DevlinkGlobal} sb (pool|port pool|tc bind) show [<word>]",
            ],
            Dangers(ChangesHost, IprouteFiles, Waits, ("changes the device", ["reload", "eswitch", "split", "unsplit", "recover", "test", "clearmax", "snapshot"]),
                ("reads device memory", ["read", "dump"]))),
        ToolGrammar.Of("dcb",
            [$"dcb [-{{jpsiN}}|-json|-pretty|-statistics|-iec|-Numeric]... (app|apptrust|buffer|dcbx|ets|maxrate|pfc|rewr) show dev <ifname> [<word>]..."],
            Dangers(ChangesHost, IprouteFiles)),
        ToolGrammar.Of("rdma",
            [$"rdma {RdmaGlobal} (dev|link|resource|res|statistic|stat|system|sys) [show [<word>]...]"],
            Dangers(ChangesHost, IprouteFiles, Waits, ("changes counters", ["mode", "bind", "unbind"]))),
        ToolGrammar.Of("vdpa",
            [$"vdpa [-{{jp}}|-json|-pretty]... (mgmtdev|dev) [show [<word>]]", $"vdpa [-{{jp}}|-json|-pretty]... dev (config|vstats) show [<word>] [qidx <n>]"],
            Dangers(ChangesHost, IprouteFiles)),
        // tipc bearer enable|disable, link set|reset, node set, media set change the cluster.
        ToolGrammar.Of("tipc",
            ["tipc [-j|-p]... (bearer|link|media|node|socket|peer|udp) list", "tipc [-j|-p]... nametable show", "tipc [-j|-p]... link get (tolerance|priority|window) link <word>"],
            Dangers(ChangesHost)),
        // mii-tool -r restarts autonegotiation, -R resets the PHY, -F forces a media type, -A advertises; -w watches.
        ToolGrammar.Of("mii-tool", ["mii-tool [-{v}|--verbose]... [<ifname>]..."],
            Dangers(("changes the link", ["-r", "--restart", "-R", "--reset", "-F", "--force", "-A", "--advertise", "-p", "--phy"]), ("waits forever", ["-w", "--watch", "-l", "--log"]))),
        ToolGrammar.Of("brctl", ["brctl show [<ifname>]...", "brctl (showmacs|showstp|showvlans) <ifname>"],
            Dangers(("changes the bridge", ["addbr", "delbr", "addif", "delif", "hairpin", "stp", "setageing", "setbridgeprio", "setfd", "sethello", "setmaxage", "setpathcost", "setportprio", "setmcsnoop"]))),
        // wg set|setconf|addconf|syncconf change the tunnel; showconf, dump, private-key and preshared-keys print its secrets.
        ToolGrammar.Of("wg",
            ["wg show [(all|interfaces|<ifname>) [(public-key|listen-port|fwmark|peers|endpoints|allowed-ips|latest-handshakes|persistent-keepalive|transfer)]]"],
            Dangers(("changes the tunnel", ["set", "setconf", "addconf", "syncconf"]), ("prints the tunnel's secret keys", ["showconf", "dump", "private-key", "preshared-keys", "genkey", "genpsk", "pubkey"]))),
        ToolGrammar.Of("iw",
            ["iw (list|dev|phy)", "iw reg get", "iw dev <ifname> (info|link)", "iw dev <ifname> (station|survey|mpath|mpp) dump", "iw phy <word> info"],
            Dangers(ChangesHost, ("changes the radio or its association", ["connect", "disconnect", "scan", "join", "leave", "offchannel", "ftm", "vendor", "wowlan", "coalesce", "switch"]), Waits)),
        ToolGrammar.Of("ipmaddr", ["ipmaddr [show [dev] [<ifname>]]"], Dangers(ChangesHost)),
        ToolGrammar.Of("iptunnel", ["iptunnel [show [<ifname>]]"], Dangers(ChangesHost)),
        ToolGrammar.Of("ovs-vsctl",
            ["ovs-vsctl [--bare|--no-headings|--format=<word>|--columns=<word>]... (show|list-br|list-ports <word>|list-ifaces <word>|iface-to-br <word>|port-to-br <word>|br-exists <word>|list <word> [<word>]...|get <word> <word> <word>...)"],
            Dangers(ChangesHost, ("changes the switch", ["add-br", "del-br", "add-port", "del-port", "add-bond", "clear", "destroy", "create", "emer-reset", "init", "--db", "--no-wait"]))),
        ToolGrammar.Of("ovs-ofctl",
            ["ovs-ofctl [-O <word>|--protocols=<word>|--names|--no-names|--no-stats|--sort|--rsort]... (show|dump-flows|dump-ports|dump-ports-desc|dump-tables|dump-table-features|dump-groups|dump-group-stats|dump-meters|meter-stats|queue-stats|dump-aggregate) <word>"],
            Dangers(("changes the flow tables", ["add-flow", "add-flows", "del-flows", "mod-flows", "replace-flows", "diff-flows", "add-group", "del-groups", "mod-group", "add-meter", "del-meters", "mod-port", "mod-table", "packet-out"]), ("waits forever", ["snoop", "monitor"]))),
        ToolGrammar.Of("ovs-dpctl",
            ["ovs-dpctl [-s|--statistics|-m|--more]... (show|dump-dps|dump-flows|ct-stats-show|dump-conntrack) [<word>]"],
            Dangers(("changes the datapath", ["add-dp", "del-dp", "add-if", "del-if", "set-if", "add-flow", "mod-flow", "del-flow", "del-flows", "flush-conntrack", "ct-set-maxconns", "ct-set-limits", "ct-del-limits"]))),
    }.ToDictionary(t => t.Program, StringComparer.Ordinal);

    /// <summary>The read forms for a tool known as <paramref name="name"/> whose program file is <paramref name="file"/> (a link resolved), or null.</summary>
    public static ToolGrammar? For(string name, string? file)
    {
        if (Known.TryGetValue(name, out var grammar)) return grammar;
        var real = file is null ? null : Path.GetFileName(file);
        return real is not null && Known.TryGetValue(real, out grammar) ? grammar : null;
    }

    /// <summary>
    /// Why <paramref name="form"/> (a repository form for a known tool) allows a command its read forms do not, or
    /// null: each command line covering the form's words must fit one of <paramref name="reads"/>.
    /// </summary>
    public static (string Message, string Hint)? Problem(CommandForm form, ToolGrammar reads)
    {
        foreach (var sample in FormSamples.Of(form))
        {
            var argv = sample.ToList();
            argv[0] = reads.Program;
            if (reads.Check(argv) is { } refusal)
                return ($"allows '{form.Program} {string.Join(' ', sample.Skip(1))}', which is not one of {reads.Program}'s read forms: {refusal.Message.Split(": ", 2)[^1]}",
                    $"allow only {reads.Program}'s read forms; {refusal.Hint}");
        }
        return null;
    }

    /// <summary>
    /// Verbs that change things in the tools that have them (ip, tc, bridge, devlink, nmcli, ovs-vsctl, systemctl,
    /// iptables, nft, journalctl --vacuum-*): a form of a tool no read-form list knows may not have them as words, nor
    /// long options starting with one (--set-ring, --flush, --delete-all).
    /// </summary>
    private static readonly HashSet<string> WriteVerbs = new(StringComparer.Ordinal)
    {
        "set", "unset", "add", "del", "delete", "remove", "rm", "change", "modify", "mod", "replace", "flush", "append", "prepend", "insert", "create",
        "destroy", "drop", "purge", "clear", "reset", "zero", "kill", "write", "load", "unload", "reload", "restore", "import", "apply", "commit",
        "save", "restart", "start", "stop", "enable", "disable", "update", "upgrade", "install", "uninstall", "flash", "rotate", "vacuum", "exec",
        "eval", "run", "bind", "unbind", "attach", "detach", "move", "rename", "mount", "umount", "shutdown", "reboot", "trigger", "inject", "send",
    };

    // A long option starting so changes things (--set-ring, --delete-all, --vacuum-size); --start-time or --run-dir need not.
    private static readonly HashSet<string> WriteOptionHeads = new(StringComparer.Ordinal)
    {
        "set", "unset", "add", "del", "delete", "remove", "change", "replace", "flush", "insert", "create", "destroy", "purge", "clear", "reset", "zero",
        "kill", "write", "load", "reload", "restore", "import", "apply", "commit", "flash", "rotate", "vacuum", "exec", "eval", "inject",
    };

    /// <summary>Why the literal <paramref name="word"/> of a form of a tool no read-form list knows is refused, or null.</summary>
    public static string? WriteWord(string word)
    {
        var bare = word.TrimStart('-');
        var eq = bare.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0) bare = bare[..eq];
        var head = bare.Split('-', '_')[0].ToLowerInvariant();
        if (WriteVerbs.Contains(bare.ToLowerInvariant()) || (word.StartsWith("--", StringComparison.Ordinal) && WriteOptionHeads.Contains(head)))
            return $"is a verb that changes things in the tools that have it ({bare}); a probe only reads";
        return null;
    }
}
