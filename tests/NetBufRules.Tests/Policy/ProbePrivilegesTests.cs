using System.Diagnostics;
using System.Runtime.InteropServices;
using NetBufRules.Model;
using NetBufRules.Policy;
using NetBufRules.Probe;
using NetBufRules.Tests.EndToEnd;

namespace NetBufRules.Tests.Policy;

/// <summary>
/// Defence in depth, measured: commands that would change the host are handed to the reader directly (the grammar
/// bypassed, as a grammar mistake would) inside a throwaway network namespace, and the namespace does not change.
/// </summary>
[Collection("network namespaces")]
public sealed class ProbePrivilegesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static void RequireRoot() =>
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip") && File.Exists("/usr/bin/setpriv") && File.Exists(NetworkNamespace.Python), "needs root, iproute2, setpriv and python3");

    [DllImport("libc", SetLastError = true)]
    private static extern int setns(int fd, int nstype);

    /// <summary>Runs a probe from a thread that entered <paramref name="ns"/>: the child starts on that thread, so inside the namespace.</summary>
    private static RawOutput ReadIn(string ns, params string[] argv)
    {
        RawOutput? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/run/netns/{ns}");
                if (setns((int)handle.DangerousGetHandle(), 0x40000000) != 0) throw new InvalidOperationException($"setns failed: {Marshal.GetLastPInvokeError()}");
                result = new LiveSourceReader().ReadAsync(new CommandSource(argv), Timeout, 0, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) throw failure;
        return result!;
    }

    private static string Inode(string path) => NetworkNamespace.Run("stat", "-L", "-c", "%i", path).Trim();

    private static void ShouldRunInside(NetworkNamespace ns)
    {
        // Before anything that writes: prove the reader's children land in the namespace, never on the host.
        var raw = ReadIn(ns.Name, "stat", "-L", "-c", "%i", "/proc/self/ns/net");
        raw.Stdout.Trim().ShouldBe(Inode($"/run/netns/{ns.Name}"));
    }

    [SkippableFact]
    public void A_probe_run_as_root_has_a_uid_no_account_has_no_groups_no_new_privileges_and_no_capabilities()
    {
        RequireRoot();
        var status = new LiveSourceReader().ReadAsync(new CommandSource(["grep", "-E", "^(Uid|Gid|Groups|CapEff|CapBnd|NoNewPrivs):", "/proc/self/status"]), Timeout, 0, CancellationToken.None).GetAwaiter().GetResult();
        var lines = status.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(' ', l.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries))).ToList();
        lines.ShouldContain("Uid: 2147483646 2147483646 2147483646 2147483646");
        lines.ShouldContain("Gid: 2147483646 2147483646 2147483646 2147483646");
        lines.ShouldContain("Groups:");
        lines.ShouldContain("CapEff: 0000000000000000");
        lines.ShouldContain("CapBnd: 0000000000000000");
        lines.ShouldContain("NoNewPrivs: 1");
    }

    [SkippableFact]
    public void Ss_still_names_the_process_of_a_socket_even_a_non_dumpable_one_owned_by_root()
    {
        RequireRoot();
        // This test process (dotnet, root) is the listener: ss -p needs ptrace access and its root-only fd folder.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            var raw = new LiveSourceReader().ReadAsync(new CommandSource(["ss", "-Hltnp", "sport", "=", $":{port}"]), Timeout, 0, CancellationToken.None).GetAwaiter().GetResult();
            raw.Stdout.ShouldContain($"pid={Environment.ProcessId},");
        }
        finally
        {
            listener.Stop();
        }
    }

    [SkippableFact]
    public void Dmesg_still_reads_a_restricted_kernel_log()
    {
        RequireRoot();
        var raw = new LiveSourceReader().ReadAsync(new CommandSource(["dmesg"]), Timeout, 0, CancellationToken.None).GetAwaiter().GetResult();
        raw.Succeeded.ShouldBeTrue(raw.FailureMessage);
        raw.Stdout.ShouldNotBeEmpty();
    }

    [Fact]
    public void Only_read_capabilities_are_ever_handed_on()
    {
        var argv = ProbePrivileges.Wrap("/usr/bin/ss", ["-Hltnp"], ["sys_ptrace", "net_admin", "sys_admin", "dac_override"], asRoot: true, out _);
        argv.ShouldNotBeNull();
        string.Join(' ', argv).ShouldContain("--ambient-caps=-all,+sys_ptrace --bounding-set=-all,+sys_ptrace");
        string.Join(' ', argv).ShouldNotContain("net_admin");
        ProbePrivileges.Wrap("/usr/bin/ss", ["-Hltnp"], [], asRoot: false, out _).ShouldBe(["/usr/bin/ss", "-Hltnp"]);
        foreach (var tool in SafetyPolicy.Default.Tools.Values)
            tool.Capabilities.ShouldBeSubsetOf(ProbePrivileges.ReadCapabilities, tool.Program);
    }

    [SkippableFact]
    public void A_sysctl_write_from_a_probe_fails_and_the_namespace_keeps_its_value()
    {
        RequireRoot();
        using var ns = new NetworkNamespace("nbr-h1");
        ShouldRunInside(ns);
        var before = ns.In("cat", "/proc/sys/net/core/somaxconn").Trim();
        var raw = ReadIn(ns.Name, "sysctl", "-w", $"net.core.somaxconn={int.Parse(before, System.Globalization.CultureInfo.InvariantCulture) + 7}");
        raw.Succeeded.ShouldBeFalse(raw.Stdout);
        raw.Stderr.ShouldContain("ermission denied");
        ns.In("cat", "/proc/sys/net/core/somaxconn").Trim().ShouldBe(before);
    }

    [SkippableFact]
    public void Taking_a_link_down_or_adding_a_qdisc_from_a_probe_fails()
    {
        RequireRoot();
        using var ns = new NetworkNamespace("nbr-h1");
        ShouldRunInside(ns);
        var qdiscs = ns.In("tc", "qdisc", "show", "dev", "lo");
        ReadIn(ns.Name, "ip", "link", "set", "lo", "down").Succeeded.ShouldBeFalse();
        ReadIn(ns.Name, "tc", "qdisc", "add", "dev", "lo", "root", "netem", "loss", "100%").Succeeded.ShouldBeFalse();
        ns.In("ip", "-o", "link", "show", "lo").ShouldContain(",UP");
        ns.In("tc", "qdisc", "show", "dev", "lo").ShouldBe(qdiscs);
    }

    [SkippableFact]
    public void Killing_sockets_from_a_probe_fails_and_the_listener_stays()
    {
        RequireRoot();
        using var ns = new NetworkNamespace("nbr-h1");
        ShouldRunInside(ns);
        var listener = ns.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "listener.py"), "9710", "8", "60");
        listener.StandardOutput.ReadLine().ShouldNotBeNull().ShouldStartWith("ready");
        var raw = ReadIn(ns.Name, "ss", "-K", "-tl");
        raw.Stdout.ShouldNotContain(":9710");
        ns.In("ss", "-Hltn").ShouldContain("127.0.0.1:9710");
    }

    [SkippableFact]
    public void Lowering_another_process_limit_from_a_probe_fails()
    {
        RequireRoot();
        using var sleeper = Process.Start("sleep", "30");
        try
        {
            var limits = File.ReadAllText($"/proc/{sleeper.Id}/limits");
            var raw = new LiveSourceReader().ReadAsync(new CommandSource(["prlimit", "--pid", sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--nofile=1:1"]), Timeout, 0, CancellationToken.None).GetAwaiter().GetResult();
            raw.Succeeded.ShouldBeFalse();
            File.ReadAllText($"/proc/{sleeper.Id}/limits").ShouldBe(limits);
        }
        finally
        {
            sleeper.Kill();
        }
    }

    [Fact]
    public void Only_the_read_only_xfrm_forms_of_ip_get_cap_net_admin_which_the_kernel_needs_to_dump_them()
    {
        string.Join(' ', ProbePrivileges.Wrap("/usr/sbin/ip", ["xfrm", "policy", "list"], [], asRoot: true, out _)!).ShouldContain("+net_admin");
        string.Join(' ', ProbePrivileges.Wrap("/usr/sbin/ip", ["-s", "-j", "link", "show"], [], asRoot: true, out _)!).ShouldNotContain("net_admin");
        string.Join(' ', ProbePrivileges.Wrap("/usr/sbin/tc", ["-s", "qdisc", "show"], ["net_admin"], asRoot: true, out _)!).ShouldNotContain("net_admin");
    }
}
