using System.Text.Json;

namespace NetBufRules.Tests.EndToEnd;

/// <summary>
/// <c>fix --apply</c> for real inside throwaway network namespaces. <c>ip netns exec</c> bind-mounts
/// <c>/etc/netns/NAME/sysctl.d</c> over <c>/etc/sysctl.d</c>, so the tool writes the real path while the host's
/// folder stays untouched, and <c>sysctl -p</c> changes only the namespace's own somaxconn.
/// </summary>
[Collection("network namespaces")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FixApplyTests
{
    private static void RequireRoot() =>
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip") && File.Exists(NetworkNamespace.Python), "needs root, iproute2 and python3 (CI has them)");

    /// <summary>A private /etc/sysctl.d for the namespace, removed afterwards.</summary>
    private sealed class PrivateSysctlDir : IDisposable
    {
        public PrivateSysctlDir(NetworkNamespace ns)
        {
            Root = Path.Combine("/etc/netns", ns.Name);
            Directory.CreateDirectory(Dir);
        }

        public string Root { get; }

        public string Dir => Path.Combine(Root, "sysctl.d");

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    private static JsonElement Json(string stdout) => JsonDocument.Parse(stdout).RootElement;

    /// <summary>
    /// Runs the tool in a mount namespace of its own where net.unix.max_dgram_qlen (a key of the network namespace,
    /// mode 0644) is a read-only bind mount: a write to it fails, so a 'then' fails after changing what came before.
    /// </summary>
    private static readonly string[] ReadOnlyDgramQlen = ["unshare", "-m", "--propagation", "private", "sh", "-c",
        "F=/proc/sys/net/unix/max_dgram_qlen; mount --bind $F $F && mount -o remount,bind,ro $F && exec \"$@\"", "sh"];

    [SkippableFact]
    public void Fix_apply_raises_a_lowered_somaxconn_during_a_backlog_flood_and_verifies_that_it_stopped()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        using var etc = new PrivateSysctlDir(ns);
        var backups = Directory.CreateTempSubdirectory("nbr-fix-backups-");
        try
        {
            ns.In("sysctl", "-w", "net.core.somaxconn=4");
            var listener = ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "relisten_listener.py"), "9010", "1024", "90");
            listener.StandardOutput.ReadLine().ShouldBe("ready");
            ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "connect_flood.py"), "9010", "50", "90", "--keep");
            Thread.Sleep(1000);

            var (code, stdout, stderr) = ns.RunTool("fix", Path.Combine(Support.Repo.Root, "playbooks", "tcp-backlog.yaml"), "--apply",
                "--backup-dir", backups.FullName, "--interval", "1", "--verify-for", "30", "--format", "json");

            var fix = Json(stdout);
            code.ShouldBe(0, stdout + stderr);
            fix.GetProperty("outcome").GetString().ShouldBe("applied");
            fix.GetProperty("report").GetProperty("results")[0].GetProperty("status").GetString().ShouldBe("fired", "the flood overflowed the queue of 4 before the fix");
            fix.GetProperty("verified").GetProperty("tcp-backlog").GetString().ShouldNotBe("fired");
            var step = fix.GetProperty("steps")[0];
            step.GetProperty("action").GetString().ShouldBe("create");
            step.GetProperty("then_exit_code").GetInt32().ShouldBe(0);
            File.ReadAllText(Path.Combine(etc.Dir, "90-netbufrules-tcp-backlog.conf")).ShouldContain("net.core.somaxconn = 4096");
            ns.In("cat", "/proc/sys/net/core/somaxconn").Trim().ShouldBe("4096");
            listener.StandardOutput.ReadLine().ShouldBe("relistened 4096", "the service listened again with the new ceiling");
        }
        finally
        {
            backups.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public void A_then_that_fails_halfway_rolls_back_to_the_exact_previous_files_and_kernel_values()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        using var etc = new PrivateSysctlDir(ns);
        var backups = Directory.CreateTempSubdirectory("nbr-fix-backups-");
        try
        {
            ns.In("sysctl", "-w", "net.core.somaxconn=64");
            // A file the fix replaces: after the rollback it must be back byte for byte, with its mode.
            var existing = Path.Combine(etc.Dir, "90-netbufrules-fix-rollback-probe.conf");
            const string before = "# kept by the team\nnet.core.somaxconn = 64\n";
            File.WriteAllText(existing, before);
            File.SetUnixFileMode(existing, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            var other = Path.Combine(etc.Dir, "10-unrelated.conf");
            File.WriteAllText(other, "# not ours\n");
            var listing = Directory.GetFiles(etc.Dir).Order(StringComparer.Ordinal).ToList();

            // max_dgram_qlen is the namespace's, made read-only for this run: sysctl -p sets somaxconn first, then fails.
            var (code, stdout, stderr) = ns.RunToolUnder(ReadOnlyDgramQlen, "fix", Path.Combine(Support.Repo.Root, "tests", "NetBufRules.Tests", "Fix", "data", "somaxconn-and-unix-qlen.yaml"),
                "--apply", "--backup-dir", backups.FullName, "--interval", "0", "--format", "json");

            var fix = Json(stdout);
            code.ShouldBe(4, stdout + stderr);
            fix.GetProperty("outcome").GetString().ShouldBe("rolled-back");
            fix.GetProperty("failure").GetString()!.ShouldContain("sysctl -p /etc/sysctl.d/90-netbufrules-fix-rollback-probe.conf exited 1: ");
            fix.GetProperty("failure").GetString()!.ShouldContain("permission denied on key \"net.unix.max_dgram_qlen\"");
            var step = fix.GetProperty("steps")[0];
            step.GetProperty("action").GetString().ShouldBe("modify");
            step.GetProperty("rolled_back").GetBoolean().ShouldBeTrue();
            File.ReadAllText(Path.Combine(backups.FullName, Directory.GetDirectories(backups.FullName).Single(), "etc/sysctl.d/90-netbufrules-fix-rollback-probe.conf")).ShouldBe(before);
            File.ReadAllText(existing).ShouldBe(before);
            File.GetUnixFileMode(existing).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            Directory.GetFiles(etc.Dir).Order(StringComparer.Ordinal).ToList().ShouldBe(listing, "no temporary file left behind");
            File.ReadAllText(other).ShouldBe("# not ours\n");
            ns.In("cat", "/proc/sys/net/core/somaxconn").Trim().ShouldBe("64", "sysctl -p had set 4096 before failing on max_dgram_qlen; the rollback put 64 back");
        }
        finally
        {
            backups.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Three causes in one namespace: tcp-backlog fired (somaxconn lowered, a flood), socket-buffers advises a higher
    /// rmem_max (the host's key, read-only here) and a third playbook's 'then' fails halfway. Each stands on its own:
    /// socket-buffers is not attempted (and says why), the failing one is rolled back alone (its file removed, its
    /// somaxconn put back), and tcp-backlog's fix is applied and verified. Before, the rmem_max file's failure rolled
    /// every fix back and tcp-backlog's was never written.
    /// </summary>
    [SkippableFact]
    public void In_a_namespace_each_playbooks_fix_stands_alone_a_host_wide_key_is_not_attempted_and_a_failure_rolls_back_only_its_own()
    {
        RequireRoot();
        using var ns = new NetworkNamespace("nbr-d8");
        using var etc = new PrivateSysctlDir(ns);
        var backups = Directory.CreateTempSubdirectory("nbr-fix-backups-");
        try
        {
            ns.In("sysctl", "-w", "net.core.somaxconn=4");
            ns.In("stat", "-c", "%a", "/proc/sys/net/core/rmem_max").Trim().ShouldBe("444", "the kernel shows the host's rmem_max read-only in a namespace");
            var rmemMax = long.Parse(File.ReadAllText("/proc/sys/net/core/rmem_max").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var listener = ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "relisten_listener.py"), "9011", "1024", "90");
            listener.StandardOutput.ReadLine().ShouldBe("ready");
            ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "connect_flood.py"), "9011", "50", "90", "--keep");
            Thread.Sleep(1000);
            var pack = Path.Combine(Support.Repo.Root, "playbooks");

            var (code, stdout, stderr) = ns.RunToolUnder(ReadOnlyDgramQlen, "fix", Path.Combine(pack, "tcp-backlog.yaml"), Path.Combine(pack, "socket-buffers.yaml"),
                Path.Combine(Support.Repo.Root, "tests", "NetBufRules.Tests", "Fix", "data", "somaxconn-and-unix-qlen.yaml"),
                "--set", $"socket-buffers.min_rmem_max={rmemMax + 4096}", "--set", "socket-buffers.min_wmem_max=1", "--apply", "--backup-dir", backups.FullName, "--interval", "1", "--verify-for", "30", "--format", "json");

            var fix = Json(stdout);
            code.ShouldBe(4, "not everything was applied: " + stdout + stderr);
            fix.GetProperty("outcome").GetString().ShouldBe("partly-applied", stdout);
            var results = fix.GetProperty("report").GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("status").GetString());
            results["tcp-backlog"].ShouldBe("fired", "the flood overflowed the queue of 4 before the fix");
            results["socket-buffers"].ShouldBe("advice");
            fix.GetProperty("applied").EnumerateArray().Select(e => e.GetString()).ShouldBe(["tcp-backlog"]);
            fix.GetProperty("not_applied_here").GetProperty("socket-buffers").GetString()!
                .ShouldStartWith("net.core.rmem_max is set for the whole host (read-only or absent in this network namespace); apply it from the host's namespace");
            fix.GetProperty("rolled_back").GetProperty("fix-rollback-probe").GetString()!.ShouldContain("permission denied on key \"net.unix.max_dgram_qlen\"");
            fix.GetProperty("verified").GetProperty("tcp-backlog").GetString().ShouldNotBe("fired");
            var steps = fix.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
            steps["socket-buffers"].GetProperty("written").GetBoolean().ShouldBeFalse();
            steps["socket-buffers"].TryGetProperty("then_exit_code", out _).ShouldBeFalse("its 'then' was never run");
            steps["fix-rollback-probe"].GetProperty("rolled_back").GetBoolean().ShouldBeTrue();
            steps["tcp-backlog"].GetProperty("rolled_back").GetBoolean().ShouldBeFalse();
            steps["tcp-backlog"].GetProperty("then_exit_code").GetInt32().ShouldBe(0);
            Directory.GetFiles(etc.Dir).Select(Path.GetFileName).ShouldBe(["90-netbufrules-tcp-backlog.conf"], "only the applied playbook's file stays");
            ns.In("cat", "/proc/sys/net/core/somaxconn").Trim().ShouldBe("4096");
            File.ReadAllText("/proc/sys/net/core/rmem_max").Trim().ShouldBe(rmemMax.ToString(System.Globalization.CultureInfo.InvariantCulture));
            fix.GetProperty("log").EnumerateArray().Select(l => l.GetString()).ShouldContain("socket-buffers: not applied here: net.core.rmem_max is set for the whole host (read-only or absent in this network namespace); apply it from the host's namespace");
        }
        finally
        {
            backups.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public void Fix_apply_as_an_ordinary_user_is_refused_before_anything_runs()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        using var etc = new PrivateSysctlDir(ns);
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet";
        var info = new System.Diagnostics.ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", ns.Name, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", dotnet, NetworkNamespace.Tool, "fix", Support.Repo.Playbooks, "--apply" })
            info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_HOME"] = "/tmp";
        info.Environment["HOME"] = "/tmp";
        using var process = System.Diagnostics.Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit(60_000).ShouldBeTrue();

        process.ExitCode.ShouldBe(2);
        error.Result.ShouldContain("fix --apply changes the host's configuration and needs root");
        Directory.GetFiles(etc.Dir).ShouldBeEmpty();
    }

    [SkippableFact]
    public void In_a_namespace_that_shares_the_hosts_sysctl_folder_a_sysctl_fix_is_refused_not_planned_from_the_namespaces_values()
    {
        // Plain ip netns exec: /etc/sysctl.d is the host's, the running values the namespace's (64 here, whatever the
        // host runs). The plan only: nothing is written to this machine's /etc.
        RequireRoot();
        using var ns = new NetworkNamespace();
        ns.In("sysctl", "-w", "net.core.somaxconn=64");
        var (_, stdout, stderr) = ns.RunTool("fix", Path.Combine(Support.Repo.Root, "tests", "NetBufRules.Tests", "Fix", "data", "somaxconn-and-rmem.yaml"),
            "--interval", "0", "--format", "json");
        var step = Json(stdout).GetProperty("steps")[0];
        step.ToString().ShouldContain("this run is in a network namespace", customMessage: stdout + stderr);
        step.ToString().ShouldContain("the host's values were not compared");
    }
}
