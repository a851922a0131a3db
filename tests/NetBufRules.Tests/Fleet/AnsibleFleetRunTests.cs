using System.Diagnostics;
using System.Text.Json;
using NetBufRules.Tests.EndToEnd;

namespace NetBufRules.Tests.Fleet;

/// <summary>
/// examples/fleet/collect.yml reports this run's hosts, all of them, and only them (red team round 5, repro-3 and
/// repro-4): a refused snapshot does not sink the report of the others, a host unreachable now is listed as not
/// collected (never reported from its last snapshot), and two inventory names that sanitise alike are two hosts.
/// Run for real with Debian's ansible-core; the hosts are this machine (connection: local).
/// </summary>
[Collection("network namespaces")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AnsibleFleetRunTests : IDisposable
{
    private const string Local = "ansible_connection: local, ansible_python_interpreter: auto_silent";
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("nbr-ansible-");

    public void Dispose() => _work.Delete(recursive: true);

    private string Fleet => Path.Combine(_work.FullName, "fleet");

    private static void RequireAnsible() =>
        Skip.IfNot(File.Exists("/usr/bin/ansible-playbook") && Environment.IsPrivilegedProcess,
            "needs root and ansible-core (apt-get install ansible-core; CI installs it)");

    /// <summary>
    /// The tool as the playbook copies it onto a host: a launcher of the build beside the tests. With
    /// <paramref name="cutOne"/>, the first host to collect plays one whose snapshot the controller refuses (cut
    /// short in transit, forged, or over the replay's limits): its file is cut after 40 bytes.
    /// </summary>
    private string Tool(bool cutOne)
    {
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet";
        var script = Path.Combine(_work.FullName, "netbufrules");
        var cut = cutOne ? $"if mkdir {_work.FullName}/cut-one 2>/dev/null; then head -c 40 \"$3\" > \"$3.cut\" && mv \"$3.cut\" \"$3\"; fi\n" : "";
        File.WriteAllText(script, $"#!/bin/sh\nexport DOTNET_CLI_HOME=/tmp HOME=${{HOME:-/tmp}}\n{dotnet} {NetworkNamespace.Tool} \"$@\" || exit $?\n{cut}");
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        return script;
    }

    private (int Code, string Output) Playbook(string inventoryYaml, bool cutOne = false)
    {
        var inventory = Path.Combine(_work.FullName, $"inventory-{Guid.NewGuid():N}.yml");
        File.WriteAllText(inventory, inventoryYaml);
        var info = new ProcessStartInfo("/usr/bin/ansible-playbook") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-i", inventory, Path.Combine(Support.Repo.Root, "examples", "fleet", "collect.yml"),
                     "-e", $"netbufrules_source={Tool(cutOne)}", "-e", $"netbufrules_path={_work.FullName}/installed/netbufrules",
                     "-e", $"fleet_dir={Fleet}", "-e", "netbufrules_become=false", "-e", "netbufrules_interval=0",
                     "-e", $"netbufrules_tmp={_work.FullName}/remote-tmp" })
            info.ArgumentList.Add(a);
        info.Environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(_work.FullName, "ansible-tmp");
        info.Environment["ANSIBLE_REMOTE_TEMP"] = Path.Combine(_work.FullName, "ansible-tmp");
        info.Environment["ANSIBLE_NOCOLOR"] = "1";
        info.Environment["ANSIBLE_HOST_KEY_CHECKING"] = "False";
        Directory.CreateDirectory(Path.Combine(_work.FullName, "installed"));
        Directory.CreateDirectory(Path.Combine(_work.FullName, "remote-tmp"));
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(300_000).ShouldBeTrue("ansible-playbook finishes within 5 minutes");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private JsonElement Report() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Fleet, "fleet-report.json"))).RootElement;

    private string Summary() => File.ReadAllText(Path.Combine(Fleet, "fleet-summary.txt"));

    [SkippableFact]
    public void A_refused_snapshot_leaves_the_report_of_every_other_host_and_fails_the_run_naming_it()
    {
        RequireAnsible();
        var (code, output) = Playbook($"fleet:\n  hosts:\n    web-1: {{ {Local} }}\n    web-2: {{ {Local} }}\n    db-1: {{ {Local} }}\n", cutOne: true);

        code.ShouldBe(2, output);
        output.ShouldContain("The fleet report leaves out refused snapshot(s): ");
        Report().GetProperty("summary").GetProperty("hosts").GetInt32().ShouldBe(2, output);
        Report().GetProperty("refused").GetArrayLength().ShouldBe(1);
        Summary().ShouldStartWith("Across 2 hosts");
        Summary().ShouldContain("Refused (1 snapshot");
    }

    [SkippableFact]
    public void A_host_unreachable_now_is_listed_as_not_collected_and_never_reported_from_its_last_snapshot()
    {
        RequireAnsible();
        var (first, firstOutput) = Playbook($"fleet:\n  hosts:\n    web-1: {{ {Local} }}\n    web-2: {{ {Local} }}\n");
        first.ShouldBe(0, firstOutput);
        Report().GetProperty("summary").GetProperty("hosts").GetInt32().ShouldBe(2);
        File.ReadAllText(Path.Combine(Fleet, "fleet-not-collected.txt")).ShouldBeEmpty();

        // The next run: web-2 is down (192.0.2.1 is a documentation address nothing answers for).
        var (code, output) = Playbook($"fleet:\n  hosts:\n    web-1: {{ {Local} }}\n" +
                                      "    web-2: { ansible_host: 192.0.2.1, ansible_connection: ssh, ansible_ssh_common_args: \"-o ConnectTimeout=2\" }\n");

        code.ShouldBe(4, output); // ansible-playbook's "a host was unreachable"
        output.ShouldContain("The fleet report leaves out 1 host(s) not collected: web-2");
        Report().GetProperty("summary").GetProperty("hosts").GetInt32().ShouldBe(1, output);
        Report().GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("label").GetString()).ShouldBe(["web-1"]);
        Summary().ShouldStartWith("Across 1 hosts");
        Summary().ShouldContain("Not collected this run (unreachable or failed; not in this report): web-2");
        File.ReadAllText(Path.Combine(Fleet, "fleet-not-collected.txt")).ShouldBe("web-2\n");
        Directory.GetFiles(Path.Combine(Fleet, "snapshots")).Select(Path.GetFileName).ShouldBe(["web-1.json"]);
    }

    [SkippableFact]
    public void When_no_host_answers_the_last_runs_report_is_gone_not_left_to_be_read_as_this_ones()
    {
        RequireAnsible();
        Playbook($"fleet:\n  hosts:\n    web-1: {{ {Local} }}\n").Code.ShouldBe(0);
        File.Exists(Path.Combine(Fleet, "fleet-summary.txt")).ShouldBeTrue();

        var (code, output) = Playbook("fleet:\n  hosts:\n    web-1: { ansible_host: 192.0.2.1, ansible_connection: ssh, ansible_ssh_common_args: \"-o ConnectTimeout=2\" }\n");

        code.ShouldBe(4, output);
        Directory.GetFileSystemEntries(Fleet).ShouldBeEmpty(output);
    }

    [SkippableFact]
    public void Two_inventory_names_that_sanitise_to_one_file_name_are_two_hosts()
    {
        RequireAnsible();
        var (code, output) = Playbook($"fleet:\n  hosts:\n    \"web_1\": {{ {Local} }}\n    \"web 1\": {{ {Local} }}\n");

        code.ShouldBe(0, output);
        Report().GetProperty("summary").GetProperty("hosts").GetInt32().ShouldBe(2, output);
        Directory.GetFiles(Path.Combine(Fleet, "snapshots")).Length.ShouldBe(2);
        File.ReadAllText(Path.Combine(Fleet, "host-names.txt")).ShouldContain("\tweb 1\n");
    }
}
