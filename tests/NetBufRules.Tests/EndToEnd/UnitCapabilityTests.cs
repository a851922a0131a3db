using System.Text.Json;

namespace NetBufRules.Tests.EndToEnd;

/// <summary>
/// The shipped systemd units run the tool as root with only their <c>CapabilityBoundingSet=</c> and
/// <c>NoNewPrivileges=</c>. This runs the built tool under exactly that set (util-linux setpriv, as systemd would give
/// it; no systemd is PID 1 here) against a real multicast fault in a namespace named nbr-t5a-*: the cause must fire as
/// it does for plain root. And where the set forbids the probe privilege drop, the run must say so, never ok.
/// </summary>
[Collection("network namespaces")]
public sealed class UnitCapabilityTests
{
    private static string Units => Path.Combine(Support.Repo.Root, "examples", "systemd");

    private static void RequireRoot() =>
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip") && File.Exists("/usr/bin/setpriv") && File.Exists(NetworkNamespace.Python),
            "needs root, iproute2, setpriv and python3 (CI has them)");

    /// <summary>The setpriv prefix that gives a root process what <paramref name="unit"/> gives it.</summary>
    internal static string[] AsUnitRunsIt(string unit)
    {
        var lines = File.ReadAllLines(Path.Combine(Units, unit));
        var caps = lines.Single(l => l.StartsWith("CapabilityBoundingSet=", StringComparison.Ordinal))["CapabilityBoundingSet=".Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => "+" + c["CAP_".Length..].ToLowerInvariant());
        var noNewPrivs = lines.Contains("NoNewPrivileges=yes");
        return ["setpriv", "--bounding-set", "-all," + string.Join(",", caps), .. noNewPrivs ? new[] { "--no-new-privs" } : [], "--"];
    }

    /// <summary>A namespace with one UDP socket holding all 20 memberships igmp_max_memberships allows.</summary>
    private static NetworkNamespace AtTheMembershipLimit()
    {
        var ns = new NetworkNamespace("nbr-t5a");
        ns.In("ip", "link", "add", "mc0", "type", "veth", "peer", "name", "mc1");
        ns.In("ip", "addr", "add", "10.214.0.1/16", "dev", "mc0");
        ns.In("ip", "link", "set", "mc0", "up");
        ns.In("ip", "link", "set", "mc1", "up");
        var fault = ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "multicast_limits.py"), "groups", "mc0", "10.214.0.1", "60");
        var ready = fault.StandardOutput.ReadLine() ?? throw new InvalidOperationException(fault.StandardError.ReadToEnd());
        ready.ShouldStartWith("ready joined=20 ");
        return ns;
    }

    private static (int Code, JsonDocument Report) Run(NetworkNamespace ns, string[] prefix)
    {
        var (code, stdout, stderr) = ns.RunToolUnder(prefix, "run", Support.Repo.Playbooks, "--format", "json", "--interval", "1", "--only", "multicast-limits", "--only", "xfrm-policy", "--only", "tcp-backlog");
        code.ShouldBeOneOf([0, 1], stderr);
        return (code, JsonDocument.Parse(stdout));
    }

    private static JsonElement Result(JsonDocument report, string id) =>
        report.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);

    [SkippableTheory]
    [InlineData("netbufrules-watch.service")]
    [InlineData("netbufrules-collect.service")]
    public void Under_a_shipped_units_capabilities_a_multicast_fault_fires_and_every_probe_command_runs(string unit)
    {
        RequireRoot();
        using var ns = AtTheMembershipLimit();

        var (code, report) = Run(ns, AsUnitRunsIt(unit));

        code.ShouldBe(1, report.RootElement.ToString());
        Result(report, "multicast-limits").GetProperty("status").GetString().ShouldBe("fired");
        // xfrm-policy's ip xfrm forms are the ones that need CAP_NET_ADMIN passed on; tcp-backlog needs ss -p.
        foreach (var id in new[] { "xfrm-policy", "tcp-backlog" })
            Result(report, id).GetProperty("status").GetString().ShouldNotBe("error", Result(report, id).ToString());
        report.RootElement.ToString().ShouldNotContain("privilege drop failed");
    }

    [SkippableFact]
    public void Without_the_capabilities_the_drop_needs_the_causes_it_hides_are_errors_that_say_why_never_ok()
    {
        RequireRoot();
        using var ns = AtTheMembershipLimit();
        // The units' set before they kept CAP_SETUID, CAP_SETGID and CAP_SETPCAP (trust finding repro-9).
        string[] readOnly = ["setpriv", "--bounding-set", "-all,+dac_read_search,+sys_ptrace,+syslog", "--no-new-privs", "--"];

        var (_, report) = Run(ns, readOnly);

        var multicast = Result(report, "multicast-limits");
        multicast.GetProperty("status").GetString().ShouldBe("error", multicast.ToString());
        multicast.GetProperty("reason").GetString()!.ShouldContain("command probes could not run");
        multicast.GetProperty("reason").GetString()!.ShouldContain("setpriv: setresuid failed");
        multicast.GetProperty("reason").GetString()!.ShouldContain("CAP_SETUID, CAP_SETGID and CAP_SETPCAP");
    }

    [SkippableFact]
    public void Watch_says_at_its_start_that_command_probes_cannot_run()
    {
        RequireRoot();
        using var ns = new NetworkNamespace("nbr-t5a");
        string[] readOnly = ["setpriv", "--bounding-set", "-all,+dac_read_search,+sys_ptrace,+syslog", "--no-new-privs", "--"];

        var (_, _, stderr) = ns.RunToolUnder(readOnly, "watch", Support.Repo.Playbooks, "--only", "multicast-limits", "--interval", "0.5", "--for", "1s");

        stderr.ShouldContain("netbufrules: error: command probes cannot run: the privilege drop failed (setpriv: setresuid failed");
        stderr.Split('\n').Count(l => l.Contains("privilege drop failed", StringComparison.Ordinal)).ShouldBe(1, "said once, not every window");
    }
}
