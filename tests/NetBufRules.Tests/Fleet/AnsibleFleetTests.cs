using System.Diagnostics;
using System.Text.Json;
using NetBufRules.Tests.EndToEnd;

namespace NetBufRules.Tests.Fleet;

/// <summary>
/// examples/fleet/collect.yml run for real with Debian's ansible-core: the tool is copied onto each host, collects,
/// the snapshots come back to the controller and are replayed as one fleet. Hosts are this machine (connection:
/// local), once as itself and once as two network namespaces, one with an accept-queue overflow.
/// </summary>
[Collection("network namespaces")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AnsibleFleetTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("nbr-ansible-");

    public void Dispose() => _work.Delete(recursive: true);

    private static void RequireAnsible() =>
        Skip.IfNot(File.Exists("/usr/bin/ansible-playbook") && Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip"),
            "needs root, iproute2 and ansible-core (apt-get install ansible-core; CI installs it)");

    /// <summary>The tool as the playbook copies it onto a host: a launcher of the build beside the tests.</summary>
    private string Tool()
    {
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet";
        var script = Path.Combine(_work.FullName, "netbufrules");
        File.WriteAllText(script, $"#!/bin/sh\nexport DOTNET_CLI_HOME=/tmp HOME=${{HOME:-/tmp}}\nexec {dotnet} {NetworkNamespace.Tool} \"$@\"\n");
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        return script;
    }

    private (int Code, string Output) Playbook(string inventory, params string[] extra)
    {
        var info = new ProcessStartInfo("/usr/bin/ansible-playbook") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-i", inventory, Path.Combine(Support.Repo.Root, "examples", "fleet", "collect.yml"),
                     "-e", $"netbufrules_source={Tool()}", "-e", $"netbufrules_path={_work.FullName}/installed/netbufrules",
                     "-e", $"fleet_dir={_work.FullName}/fleet", "-e", "netbufrules_become=false", "-e", "netbufrules_interval=1",
                     "-e", $"netbufrules_tmp={_work.FullName}/remote-tmp" }.Concat(extra))
            info.ArgumentList.Add(a);
        info.Environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(_work.FullName, "ansible-tmp");
        info.Environment["ANSIBLE_REMOTE_TEMP"] = Path.Combine(_work.FullName, "ansible-tmp");
        info.Environment["ANSIBLE_NOCOLOR"] = "1";
        Directory.CreateDirectory(Path.Combine(_work.FullName, "installed"));
        Directory.CreateDirectory(Path.Combine(_work.FullName, "remote-tmp"));
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(300_000).ShouldBeTrue("ansible-playbook finishes within 5 minutes");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private JsonElement Report() => JsonDocument.Parse(File.ReadAllText(Path.Combine(_work.FullName, "fleet", "fleet-report.json"))).RootElement;

    [SkippableFact]
    public void The_example_collects_from_localhost_and_writes_a_fleet_report_on_the_controller()
    {
        RequireAnsible();
        var (code, output) = Playbook(Path.Combine(Support.Repo.Root, "examples", "fleet", "inventory-localhost.ini"));

        code.ShouldBe(0, output);
        File.Exists(Path.Combine(_work.FullName, "fleet", "snapshots", "localhost.json")).ShouldBeTrue(output);
        Report().GetProperty("summary").GetProperty("hosts").GetInt32().ShouldBe(1);
        File.ReadAllText(Path.Combine(_work.FullName, "fleet", "fleet-summary.txt")).ShouldStartWith("Across 1 hosts");
        Directory.GetFileSystemEntries(Path.Combine(_work.FullName, "remote-tmp")).ShouldBeEmpty("the snapshot and its folder are removed from the host once fetched");
    }

    [SkippableFact]
    public void A_host_named_like_a_path_cannot_write_outside_the_snapshots_folder()
    {
        // Inventory names come from whoever names an instance (a cloud tag, a CMDB); the bytes come from the host.
        RequireAnsible();
        var inventory = Path.Combine(_work.FullName, "inventory.ini");
        File.WriteAllText(inventory, "../../escaped/planted ansible_connection=local ansible_python_interpreter=auto_silent\n");
        var (code, output) = Playbook(inventory);
        code.ShouldBe(0, output);
        Directory.Exists(Path.Combine(_work.FullName, "escaped")).ShouldBeFalse(output);
        // The name had to change, so the file carries a hash of the real one (two names never share a file).
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("../../escaped/planted"u8))[..12];
        Directory.GetFiles(Path.Combine(_work.FullName, "fleet", "snapshots")).Select(Path.GetFileName).ShouldBe([$"_._.._escaped_planted@{hash}.json"]);
    }

    [SkippableFact]
    public void Two_namespaces_as_hosts_give_a_fleet_report_naming_the_one_with_the_fault()
    {
        RequireAnsible();
        using var healthy = new NetworkNamespace();
        using var faulty = new NetworkNamespace();
        var listener = faulty.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "listener.py"), "9020", "2", "120");
        listener.StandardOutput.ReadLine().ShouldBe("ready");
        faulty.Start(NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "connect_flood.py"), "9020", "50", "120", "--keep");
        Thread.Sleep(1000);
        var inventory = Path.Combine(_work.FullName, "inventory.ini");
        File.WriteAllText(inventory, $"""
            [fleet]
            healthy ansible_connection=local ansible_python_interpreter=auto_silent netbufrules_netns={healthy.Name}
            faulty ansible_connection=local ansible_python_interpreter=auto_silent netbufrules_netns={faulty.Name}
            """);

        var (code, output) = Playbook(inventory, "-e", "netbufrules_redact=true");

        code.ShouldBe(0, output);
        var report = Report();
        report.GetProperty("summary").GetProperty("hosts").GetInt32().ShouldBe(2);
        var backlog = report.GetProperty("summary").GetProperty("playbooks").GetProperty("tcp-backlog");
        // Redacted, a host is host-N in the report, never its name; host-names.txt on the controller says which is which.
        backlog.GetProperty("fired_on").EnumerateArray().Select(e => e.GetString()).ShouldBe(["host-2"]);
        File.ReadAllText(Path.Combine(_work.FullName, "fleet", "host-names.txt")).ShouldBe("host-1.json\thealthy\nhost-2.json\tfaulty\n");
        report.GetProperty("hosts").EnumerateArray().ShouldAllBe(h => h.GetProperty("hostname").GetString() == "redacted-host",
            "collect --redact replaced the host names before the snapshots left the hosts");
        report.ToString().ShouldNotContain("healthy");
        report.ToString().ShouldNotContain("faulty");
    }
}
