using System.Text.RegularExpressions;

namespace NetBufRules.Policy;

/// <summary>
/// Programs a repository config may never allow as a probe, by family: they run code or programs given to them, or
/// write, delete or move files, fetch or send over the network, change permissions, print any file, the environment
/// or secrets, or manage services, processes, modules, disks or the firewall. A grammar would have to be perfect to
/// keep such a tool read-only; these are refused whatever their grammar. Matched by family, so a versioned name
/// (python3.11, perl5.36, lua5.4, bash5) is the same program, and by the part before a '.' or '-' (vim.basic,
/// mkfs.ext4, ssh-keygen, iptables-save).
/// </summary>
internal static partial class ProgramFamilies
{
    [GeneratedRegex(@"^(?<base>[a-z][a-z+_-]*?)[-_.]?[0-9][0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Versioned();

    /// <summary>Programs that run code or other programs given to them, by their unversioned name.</summary>
    public static readonly IReadOnlySet<string> RunCode = new HashSet<string>(StringComparer.Ordinal)
    {
        // shells
        "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "pdksh", "csh", "tcsh", "fish", "rbash", "yash", "busybox", "toybox", "nu", "xonsh", "elvish",
        // interpreters and runtimes
        "python", "pypy", "perl", "ruby", "irb", "node", "nodejs", "deno", "bun", "php", "lua", "luajit", "tclsh", "wish", "expect", "pwsh", "powershell",
        "awk", "gawk", "mawk", "nawk", "sed", "ed", "red", "guile", "racket", "scheme", "sbcl", "clisp", "ghci", "runghc", "erl", "escript", "elixir", "iex",
        "julia", "rscript", "r", "java", "jshell", "dotnet", "mono", "osascript", "groovy", "scala", "kotlin", "swift", "gdb", "lldb", "bc", "dc", "m4", "make",
        "sqlite", "sqlite3", "psql", "mysql", "mariadb",
        // compilers: they write a program (and tcc -run, gcc -wrapper run one)
        "gcc", "cc", "c++", "g++", "clang", "tcc", "ld",
        // programs that run another program
        "env", "sudo", "su", "sg", "newgrp", "doas", "pkexec", "runuser", "setpriv", "capsh", "chroot", "nsenter", "unshare", "ip-netns", "xargs", "nohup", "timeout",
        "nice", "ionice", "chrt", "taskset", "stdbuf", "strace", "ltrace", "watch", "script", "flock", "setsid", "systemd-run", "run-parts", "find",
        "parallel", "time", "eval", "exec", "command", "builtin", "start-stop-daemon", "at", "batch", "crontab", "ssh", "socat", "nc", "ncat", "netcat",
        "tmux", "screen", "valgrind", "perf", "bpftrace", "ld.so", "ld-linux", "ld-linux-x86-64", "ld-linux-aarch64", "cgexec", "firejail", "bwrap",
        "docker", "podman", "kubectl", "ctr", "crictl", "runc", "machinectl", "systemd-nspawn", "lxc-attach", "xdg-open", "run-mailcap",
        // personality and session wrappers run the program after their options (setarch x86_64 sh -c CODE; linux64 is
        // setarch), and test harnesses and build tools run the scripts they find
        "setarch", "logsave", "linux32", "linux64", "x86_64", "i386", "i686", "uname26", "systemd-cat", "systemd-inhibit", "systemd-socket-activate",
        "dbus-run-session", "dbus-launch", "fakeroot", "proot", "runcon", "chpst", "sandbox", "catchsegv", "xvfb-run", "entr", "daemonize",
        "prove", "npx", "yarn", "pnpm", "cargo", "go", "rustc", "javac", "mvn", "gradle", "ant", "cmake", "ninja", "meson", "bazel", "ipython", "jupyter",
        // ldd runs the program it is given (the loader traces it); tcpdump -z runs a command on each file; git runs
        // hooks, aliases (!cmd), pagers and core.sshCommand; tar --to-command and --checkpoint-action=exec, zip -TT,
        // rsync -e, scp -S and sftp -S run one; openssl loads engines and providers, gpg runs its exec-path helpers.
        "ldd", "tcpdump", "git", "tar", "zip", "rsync", "scp", "sftp", "openssl", "gpg", "gpg2", "logrotate",
        // editors and pagers with shell escapes (ex and vim.basic are vim; view and rview too)
        "vi", "vim", "nvim", "view", "rview", "rvim", "gvim", "evim", "vimdiff", "ex", "emacs", "nano", "pico", "joe", "jed", "mcedit", "editor",
        "sensible-editor", "sensible-pager", "pager", "less", "more", "most", "pg", "man", "info", "w3m", "lynx", "links", "mail", "mailx", "mutt", "ftp", "lftp",
        // wrappers that run the program named after their options: glibc's tracers (sotruss, memusage, xtrace), debconf
        // (runs the program it is given), pydoc/perldoc/cpan (import or build and so run modules), policy and
        // resource wrappers, and pipeline helpers (moreutils). Scripts among them are refused as scripts too
        // (ScriptProgram); the ELF ones only by name here, and a playbook's value naming any program by RepositoryWords.
        "sotruss", "memusage", "xtrace", "mtrace", "debconf", "pydoc", "perldoc", "cpan", "cpanp", "instmodsh", "h2xs", "numactl", "faketime",
        "eatmydata", "nocache", "unbuffer", "rlwrap", "chronic", "ifne", "pee", "lckdo", "mispipe", "zrun", "vipe", "gosu", "su-exec", "setuidgid",
        "envdir", "envuidgid", "softlimit", "tini", "dumb-init", "cpulimit", "trickle", "torsocks", "tsocks", "proxychains", "proxychains4",
        "pkttyagent", "ssh-agent", "run-one", "timelimit", "sudoedit", "ksu", "dtach", "abduco", "reptyr", "byobu", "flatpak", "snap",
        "schroot", "lxc-execute", "qemu", "trace-cmd", "gdbserver", "pldd", "sprof", "gcore", "rr",
        // the C preprocessor and assembler drivers are gcc (-wrapper runs a program; cpp FILE prints any file), and
        // XSLT/document processors run the code their input names (xsltproc writes files too, pandoc runs Lua filters)
        "cpp", "as", "gcov", "xsltproc", "pandoc",
    };

    /// <summary>
    /// The other refused families, each with why. A program here does not run code, but its job is to change or leak
    /// what a probe must leave alone, so one form too many in its grammar would do so.
    /// </summary>
    private static readonly (string Why, IReadOnlySet<string> Names)[] Others =
    [
        // They create, change, move or remove files (dd and tee write where they are told; patch, split, sponge,
        // compressors and archivers write files beside their input).
        ("writes, moves or deletes files", Set(
            "rm", "cp", "mv", "ln", "link", "unlink", "rename", "install", "touch", "dd", "tee", "truncate", "shred", "mkdir", "rmdir", "mktemp",
            "mkfifo", "mknod", "patch", "split", "csplit", "sponge", "cpio", "pax", "ar", "unzip", "jar", "7z", "7za", "gzip", "gunzip", "bzip2",
            "bunzip2", "xz", "unxz", "zstd", "lz4", "compress", "uncompress", "objcopy", "strip", "ssh-keygen", "debugfs",
            // fallocate makes files of any size; systemd-tmpfiles creates and removes what its rules say
            "fallocate", "systemd-tmpfiles", "fstrim", "e4defrag", "wipe", "srm", "sfill")),
        // They read any file they are named and print it, so a form with a <word> (which may be /etc/shadow) leaks it;
        // sort -o, uniq OUT and iconv -o also write. Read files with 'file:', which only reads /proc and /sys.
        ("prints any file it is given (read files with 'file:')", Set(
            "cat", "tac", "head", "tail", "nl", "od", "xxd", "hexdump", "hd", "strings", "base64", "base32", "basenc", "grep", "egrep", "fgrep", "rgrep",
            "zgrep", "zcat", "bzcat", "xzcat", "zstdcat", "lzcat", "zless", "zmore", "cut", "sort", "uniq", "paste", "fold", "fmt", "pr", "column",
            "diff", "diff3", "sdiff", "cmp", "comm", "join", "look", "rev", "iconv", "jq", "yq", "xmllint",
            // they read any file named and print what it holds or says about it (a checksum confirms a guessed
            // secret; stat and file tell which files exist and what they are)
            "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "md5sum", "b2sum", "cksum", "sum", "stat", "file",
            // text tools that print (shuf -o and ptx IN OUT also write) or dump any file, and listers that tell which
            // files exist, how large they are and who may read them
            "shuf", "expand", "unexpand", "tsort", "ptx", "ul", "numfmt", "readelf", "objdump", "nm", "size", "wc", "ls", "dir", "vdir", "du",
            "tree", "locate", "plocate", "mlocate", "namei", "readlink", "realpath", "getfacl", "lsattr",
            // more printers and pagers of any file (pv, bat), archive listers and extractors (ptar writes what it
            // unpacks), message catalogue and format converters that read the file named
            "pv", "bat", "batcat", "highlight", "source-highlight", "ptar", "ptardiff", "ptargrep", "bsdtar", "bsdcat", "bsdcpio", "lsar", "unar",
            "zipinfo", "zipdetails", "shasum", "piconv", "json_pp", "msgcat", "msgunfmt", "xmlstarlet", "xmlwf", "mlr", "hexyl", "bvi", "hexedit",
            "colordiff", "wdiff", "dwdiff", "zdump")),
        // They print other processes' command lines (mysql -pSECRET, curl -H 'Authorization: ...': any user's
        // /proc/PID/cmdline is readable by the probe uid), working folders or memory maps, which file: refuses as
        // cmdline, cwd and maps (red team 9: 'ps -eo args' and 'pgrep -a' put a password into the report and the
        // snapshot). The built-in processes source gives comm; ss -p gives the owner of a socket.
        ("prints other processes' command lines, folders or memory maps", Set(
            "ps", "pgrep", "pstree", "top", "htop", "atop", "btop", "procs", "pidstat", "w", "pwdx", "pmap", "pldd", "lsns", "systemd-cgls",
            "pstack", "gstack", "eu-stack")),
        // They fetch from or send to a host named in their arguments (an exfiltration channel, or traffic a probe must
        // not make), or write to other users' terminals or the system log.
        ("fetches or sends data to another host, a terminal or the log", Set(
            "curl", "wget", "aria2c", "axel", "tftp", "telnet", "smbclient", "sendmail", "nmap", "ping", "ping6", "arping", "traceroute", "tracepath",
            "mtr", "dig", "host", "nslookup", "hping3", "nping", "iperf", "iperf3", "netperf", "wall", "write", "logger",
            // name lookups reach a name server the playbook may choose; captures print other users' traffic
            "resolvectl", "dumpcap", "tshark", "wireshark")),
        // They change who may read, write or run a file, or who a user is.
        ("changes permissions, ownership or accounts", Set(
            "chmod", "chown", "chgrp", "chattr", "setfacl", "setcap", "chcon", "restorecon", "setenforce", "semanage", "useradd", "userdel", "usermod",
            "groupadd", "groupdel", "gpasswd", "passwd", "chpasswd", "chage", "visudo", "vipw", "vigr")),
        // They print the environment (tokens, LD_PRELOAD) or secrets (getent shadow prints password hashes as root).
        ("prints the environment or secrets", Set("printenv", "set", "declare", "export", "typeset", "getent", "secret-tool", "pass", "keyctl",
            // hardware serial numbers and asset tags, and core dumps (a process's memory)
            "dmidecode", "coredumpctl", "lspci")),
        // They manage services, processes, power, modules, the firewall, the network set-up, disks and the clock.
        ("manages services, processes, modules, the firewall, disks or power", Set(
            "systemctl", "service", "initctl", "invoke-rc.d", "update-rc.d", "telinit", "init", "kill", "pkill", "killall", "skill", "snice", "renice",
            "reboot", "shutdown", "halt", "poweroff", "kexec", "mount", "umount", "swapon", "swapoff", "mkswap", "mkfs", "fsck", "e2fsck", "tune2fs",
            "resize2fs", "fdisk", "sfdisk", "parted", "wipefs", "blkdiscard", "losetup", "cryptsetup", "dmsetup", "lvm", "modprobe", "insmod", "rmmod",
            "depmod", "bpftool", "iptables", "ip6tables", "nft", "ebtables", "arptables", "ipset", "firewall-cmd", "ufw", "ifup", "ifdown", "ifconfig",
            "route", "arp", "nmcli", "busctl", "dbus-send", "gdbus", "loginctl", "hostnamectl", "hostname", "timedatectl", "date", "hwclock",
            "apt", "apt-get", "dpkg", "rpm", "yum", "dnf", "pip", "pip3", "npm", "gem",
            // fuser -k kills, ifstat and rtacct write history files (as nstat does, without its -a -s escape),
            // ipvsadm changes the load balancer, udevadm triggers rules (which run programs), and disk tools change
            // drive settings or firmware. Network read tools with read forms (conntrack -L, bridge, devlink, lsof)
            // stay allowed with a grammar that holds them to those forms.
            "fuser", "ifstat", "rtacct", "ipvsadm", "udevadm", "hdparm", "sdparm", "nvme", "smartctl", "kmod",
            // zramctl --reset and blockdev --flushbufs change devices; networkctl down takes links down
            "zramctl", "blockdev", "networkctl", "rfkill", "devmem", "setpci", "wrmsr", "i2cset",
            // ipcrm removes System V message queues, semaphores and shared memory (ipcrm --all every one it may), ipcmk
            // makes them; localectl set-locale/set-keymap change the system locale and keyboard as hostnamectl and
            // timedatectl change theirs (red team 9: all three were accepted with a grammar of their write forms)
            "ipcrm", "ipcmk", "localectl",
            // network set-up tools with no read form a probe needs: rtmon writes the file it is given, arpd keeps a
            // database, rarp, nameif, plipconfig, slattach, ldattach, tunctl, vconfig and ifenslave change links,
            // xtables-*-multi is iptables and ebtables under another name, conntrackd and nfct change connection
            // tracking, ovs-appctl sends any command to a running daemon (conntrack, bridge, devlink, wg and the ovs
            // listers are allowed only in their read forms, see ReadOnlyTools)
            "rtmon", "arpd", "rarp", "nameif", "plipconfig", "slattach", "ldattach", "tunctl", "vconfig", "ifenslave", "xtables", "conntrackd", "nfct",
            "ovs-appctl",
            // they suspend the host, take CPUs or memory offline, freeze a file system or switch the root
            "rtcwake", "chcpu", "chmem", "fsfreeze", "ctrlaltdel", "killall5", "pivot_root", "switch_root")),
    ];

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);

    /// <summary>
    /// Shells, interpreters and launchers whose name in a form's words means a program would be run: a tool this list
    /// does not know that passes its arguments on (as setarch does) would run it. Common words (at, time, info, set)
    /// are left out: a literal word of a read form may well be one.
    /// </summary>
    private static readonly HashSet<string> Launchers = Set(
        "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "pdksh", "csh", "tcsh", "fish", "rbash", "yash", "busybox", "toybox",
        "python", "pypy", "perl", "ruby", "node", "nodejs", "deno", "bun", "php", "lua", "luajit", "tclsh", "pwsh", "powershell",
        "awk", "gawk", "mawk", "nawk", "sed", "guile", "julia", "rscript", "java", "dotnet", "mono", "env", "sudo", "su", "doas", "pkexec",
        "runuser", "setpriv", "nsenter", "unshare", "chroot", "xargs", "nohup", "setsid", "systemd-run", "setarch", "linux64", "linux32",
        "sotruss", "memusage", "xtrace", "debconf", "pydoc", "perldoc", "cpan", "numactl", "faketime", "eatmydata", "unbuffer", "gosu", "su-exec",
        "curl", "wget", "nc", "ncat", "netcat", "socat", "ssh", "logger");

    /// <summary>Whether <paramref name="word"/>, written among a form's words, names a shell, interpreter or launcher.</summary>
    public static bool NamesLauncher(string word) => Names(word).Any(Launchers.Contains);

    /// <summary>The family <paramref name="program"/> belongs to (its name without a version), lower-cased.</summary>
    public static string Family(string program)
    {
        var name = Path.GetFileName(program).ToLowerInvariant();
        if (name.EndsWith(".exe", StringComparison.Ordinal)) name = name[..^4];
        var m = Versioned().Match(name);
        return m.Success ? m.Groups["base"].Value : name;
    }

    /// <summary>Whether <paramref name="program"/> runs code or programs given to it.</summary>
    public static bool RunsCode(string program) => Names(program).Any(RunCode.Contains);

    /// <summary>Why a repository config may not allow <paramref name="program"/> (for any grammar), or null when it may.</summary>
    public static string? Refusal(string program)
    {
        var names = Names(program).ToList();
        if (names.Any(RunCode.Contains)) return "runs code given to it";
        return Others.FirstOrDefault(g => names.Any(g.Names.Contains)).Why;
    }

    /// <summary>The names <paramref name="program"/> is known by: itself, its family, and the family of its part before a '.' or '-'.</summary>
    private static IEnumerable<string> Names(string program)
    {
        var name = Path.GetFileName(program).ToLowerInvariant();
        yield return name;
        yield return Family(program);
        var cut = name.IndexOfAny(['.', '-']);
        if (cut > 0) yield return Family(name[..cut]);
    }
}
