namespace NetBufRules.Validate;

/// <summary>What probes may run and where fixes may write; configurable per repository.</summary>
public sealed record SafetyPolicy(IReadOnlySet<string> AllowedBinaries, IReadOnlyList<string> AllowedFixDirectories)
{
    /// <summary>Programs that run code given to them: never allowed as a probe.</summary>
    public static readonly IReadOnlySet<string> Interpreters = new HashSet<string>(StringComparer.Ordinal)
    {
        "sh", "bash", "dash", "zsh", "ksh", "csh", "tcsh", "fish", "busybox", "env", "sudo", "su", "xargs", "nohup", "timeout", "nice",
        "python", "python2", "python3", "perl", "ruby", "node", "php", "lua", "awk", "gawk", "mawk", "sed", "tclsh", "pwsh", "eval", "exec",
    };

    /// <summary>Whether a fix may write <paramref name="path"/> (or, when <paramref name="partial"/>, a path starting so).</summary>
    public bool AllowsFixPath(string path, bool partial = false) =>
        path.StartsWith('/')
        && !path.Split('/').Contains("..")
        && AllowedFixDirectories.Any(d => path.StartsWith(d, StringComparison.Ordinal) && (partial || path.Length > d.Length));

    /// <summary>The read-only diagnostic tools the built-in pack uses.</summary>
    public static SafetyPolicy Default { get; } = new(
        new HashSet<string>(StringComparer.Ordinal)
        {
            "nstat", "netstat", "ss", "ip", "tc", "sysctl", "dmesg", "journalctl", "prlimit", "getconf", "ethtool", "cat", "uname",
        },
        ["/etc/sysctl.d/", "/etc/security/limits.d/", "/etc/systemd/system/"]);
}
