using NetBufRules.Model;
using NetBufRules.Probe;

namespace NetBufRules.Tests.EndToEnd;

/// <summary>
/// The pack's fd playbooks list processes with <c>netns: auto</c>: inside a namespace of a shared host only that
/// namespace's processes, so a host process at its limit is not blamed there (and is on the host).
/// </summary>
[Collection("network namespaces")]
public sealed class ProcessScopeTests
{
    [SkippableFact]
    public void A_host_process_at_its_open_files_limit_is_not_blamed_inside_a_namespace()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip") && File.Exists(NetworkNamespace.Python), "needs root, iproute2 and python3 (CI has them)");
        using var ns = new NetworkNamespace();
        var host = ns.StartOnHost("prlimit", "--nofile=64:64", NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "hold_fds.py"), "60");
        host.StandardOutput.ReadLine().ShouldNotBeNull().ShouldStartWith("holding");

        // From the host (this test runs in PID 1's namespace) the process is there, at its limit.
        var seen = ProcessTable.Read(ProcessScope.Auto).Table.ShouldNotBeNull().Rows.Single(r => (double)r["pid"] == host.Id);
        ((double)seen["fds"]).ShouldBeGreaterThanOrEqualTo((double)seen["soft"]);

        var report = ns.Diagnose();
        report.Reason("file-descriptors").ShouldNotContain($"pid {host.Id} ");
        report.Status("file-descriptors").ShouldNotBe("fired", report.Reason("file-descriptors"));
        report.Result("file-descriptors").GetProperty("notes").EnumerateArray().Select(n => n.GetString()!)
            .ShouldContain(n => n.Contains("processes of other network namespaces left out", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_namespace_process_at_its_open_files_limit_is_in_the_hosts_picture()
    {
        // On VMs whose init is not dumpable even root cannot read /proc/1/ns/net; the host must still see every process.
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip") && File.Exists(NetworkNamespace.Python), "needs root, iproute2 and python3 (CI has them)");
        using var ns = new NetworkNamespace();
        var inside = ns.Start(["prlimit", "--nofile=64:64", NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "hold_fds.py"), "60"]);
        inside.StandardOutput.ReadLine().ShouldNotBeNull().ShouldStartWith("holding");
        // ip netns exec and prlimit exec the program, so the pid is python's.
        var seen = ProcessTable.Read(ProcessScope.Auto).Table.ShouldNotBeNull().Rows.Single(r => (double)r["pid"] == inside.Id);
        ((double)seen["fds"]).ShouldBeGreaterThanOrEqualTo((double)seen["soft"]);
    }
}
