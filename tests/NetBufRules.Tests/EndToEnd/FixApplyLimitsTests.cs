using System.Text.Json;

namespace NetBufRules.Tests.EndToEnd;

/// <summary>
/// <c>fix --apply</c> of an open-files limit for real in a throwaway network namespace whose <c>/etc/security</c> is its
/// own (<c>ip netns exec</c> bind-mounts <c>/etc/netns/NAME/security</c> over it; the host's is never touched). A
/// limits.d line acts at the next login: the process measured keeps its limit, so a new diagnosis would always fire
/// again and roll back the right lever (red team 5, diagnosis 15).
/// </summary>
[Collection("network namespaces")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FixApplyLimitsTests
{
    [SkippableFact]
    public void A_limits_d_fix_is_applied_and_said_to_be_unverified_until_the_next_login_never_rolled_back()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip") && File.Exists(NetworkNamespace.Python), "needs root, iproute2 and python3 (CI has them)");
        using var ns = new NetworkNamespace();
        var etc = Path.Combine("/etc/netns", ns.Name);
        Directory.CreateDirectory(Path.Combine(etc, "security", "limits.d"));
        var backups = Directory.CreateTempSubdirectory("nbr-fix-backups-");
        try
        {
            var process = ns.Start("prlimit", "--nofile=64:64", NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "hold_fds.py"), "60");
            process.StandardOutput.ReadLine().ShouldNotBeNull().ShouldStartWith("holding");

            var (code, stdout, stderr) = ns.RunTool("fix", Path.Combine(Support.Repo.Root, "playbooks", "file-descriptors.yaml"), "--apply",
                "--backup-dir", backups.FullName, "--interval", "0", "--verify-for", "2", "--format", "json");

            var fix = JsonDocument.Parse(stdout).RootElement;
            code.ShouldBe(0, stdout + stderr);
            fix.GetProperty("outcome").GetString().ShouldBe("applied");
            fix.GetProperty("report").GetProperty("results")[0].GetProperty("status").GetString().ShouldBe("fired");
            stdout.ShouldContain("file-descriptors: its files act at the next login or service restart, which a new diagnosis cannot show now: not verified");
            stdout.ShouldNotContain("rolling back");
            File.ReadAllText(Path.Combine(etc, "security", "limits.d", "90-netbufrules.conf")).ShouldContain("*  soft  nofile  65536");
        }
        finally
        {
            backups.Delete(recursive: true);
            Directory.Delete(etc, recursive: true);
        }
    }
}
