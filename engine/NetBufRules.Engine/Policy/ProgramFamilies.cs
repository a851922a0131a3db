using System.Text.RegularExpressions;

namespace NetBufRules.Policy;

/// <summary>
/// Programs that run code or other programs given to them: shells, interpreters, wrappers, editors and pagers with
/// shell escapes. Matched by family, so a versioned name (python3.11, perl5.36, lua5.4, bash5) is the same program.
/// </summary>
internal static partial class ProgramFamilies
{
    [GeneratedRegex(@"^(?<base>[a-z][a-z+_-]*?)[-_.]?[0-9][0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Versioned();

    /// <summary>The families, by their unversioned name.</summary>
    public static readonly IReadOnlySet<string> RunCode = new HashSet<string>(StringComparer.Ordinal)
    {
        // shells
        "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "pdksh", "csh", "tcsh", "fish", "rbash", "yash", "busybox", "toybox", "nu", "xonsh", "elvish",
        // interpreters and runtimes
        "python", "pypy", "perl", "ruby", "irb", "node", "nodejs", "deno", "bun", "php", "lua", "luajit", "tclsh", "wish", "expect", "pwsh", "powershell",
        "awk", "gawk", "mawk", "nawk", "sed", "ed", "guile", "racket", "scheme", "sbcl", "clisp", "ghci", "runghc", "erl", "escript", "elixir", "iex",
        "julia", "rscript", "r", "java", "jshell", "dotnet", "mono", "osascript", "groovy", "scala", "kotlin", "swift", "gdb", "lldb", "bc", "dc", "m4", "make",
        // programs that run another program
        "env", "sudo", "su", "doas", "pkexec", "runuser", "setpriv", "capsh", "chroot", "nsenter", "unshare", "ip-netns", "xargs", "nohup", "timeout",
        "nice", "ionice", "chrt", "taskset", "stdbuf", "strace", "ltrace", "watch", "script", "flock", "setsid", "systemd-run", "run-parts", "find",
        "parallel", "time", "eval", "exec", "command", "builtin", "start-stop-daemon", "at", "batch", "crontab", "ssh", "socat", "nc", "ncat", "netcat",
        "tmux", "screen", "valgrind", "perf", "bpftrace", "ld.so", "ld-linux", "ld-linux-x86-64", "ld-linux-aarch64",
        // editors and pagers with shell escapes
        "vi", "vim", "nvim", "view", "emacs", "nano", "less", "more", "most", "man",
    };

    /// <summary>The family <paramref name="program"/> belongs to (its name without a version), lower-cased.</summary>
    public static string Family(string program)
    {
        var name = Path.GetFileName(program).ToLowerInvariant();
        if (name.EndsWith(".exe", StringComparison.Ordinal)) name = name[..^4];
        var m = Versioned().Match(name);
        return m.Success ? m.Groups["base"].Value : name;
    }

    /// <summary>Whether <paramref name="program"/> runs code or programs given to it.</summary>
    public static bool RunsCode(string program)
    {
        var name = Path.GetFileName(program).ToLowerInvariant();
        return RunCode.Contains(name) || RunCode.Contains(Family(program));
    }
}
