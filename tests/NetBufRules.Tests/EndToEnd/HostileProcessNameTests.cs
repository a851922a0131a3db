using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace NetBufRules.Tests.EndToEnd;

/// <summary>
/// An unprivileged process renames itself (prctl PR_SET_NAME, as any user may) to newlines, tabs and terminal escapes;
/// the tool run as root in the same namespace gives the same verdicts and carries the name as one cell of data.
/// </summary>
[Collection("network namespaces")]
public sealed class HostileProcessNameTests
{
    // 15 bytes, all comm holds: a newline and then a whole row of a process at its open-files limit.
    private const string ForgingName = "\n1\t99\t1\t1\t0\t-\tx";
    private const string EscapingName = "\u001b[31mred\t\nx";
    private static readonly string[] Judged = ["file-descriptors", "tcp-backlog"];

    private static void RequireRoot() =>
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/ip") && File.Exists(NetworkNamespace.Python) && File.Exists("/usr/bin/setpriv"),
            "needs root, iproute2, setpriv and python3 (CI has them)");

    /// <summary>Starts the renamed process as nobody inside the namespace (with <paramref name="fdLimit"/>, it fills it) and returns its pid once ready.</summary>
    private static int StartAsNobody(NetworkNamespace ns, string name, int? fdLimit = null, int? listenPort = null)
    {
        var hex = Convert.ToHexString(Encoding.UTF8.GetBytes(name));
        var script = Path.Combine(NetworkNamespace.Faults, "hostile_name.py");
        string[] limit = fdLimit is { } n ? ["prlimit", $"--nofile={n}:{n}"] : [];
        string[] fill = fdLimit is not null ? ["--fill"] : listenPort is { } port ? ["--listen", port.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
        Process process = ns.Start([.. limit, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", NetworkNamespace.Python, script, hex, "60", .. fill]);
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"hostile_name.py exited: {process.StandardError.ReadToEnd()}");
        line.ShouldStartWith("ready");
        return int.Parse(line.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static JsonElement CollectedRow(NetworkNamespace ns, int pid)
    {
        using var snapshot = ns.Collect();
        snapshot.RootElement.GetProperty("format").GetString().ShouldBe("netbufrules/snapshot/v2");
        var table = snapshot.RootElement.GetProperty("sources").EnumerateArray()
            .Single(s => s.GetProperty("key").GetString() == "processes:netns=auto").GetProperty("samples")[0].GetProperty("table");
        var columns = table.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
        var row = table.GetProperty("rows").EnumerateArray().Single(r => r[columns.IndexOf("pid")].GetDouble() == pid);
        return row.Clone();
    }

    [SkippableFact]
    public void A_name_that_forges_a_row_of_the_process_table_changes_no_verdict_of_a_root_run()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        var before = ns.Diagnose();
        var pid = StartAsNobody(ns, ForgingName);
        var after = ns.Diagnose();
        foreach (var id in Judged)
            after.Status(id).ShouldBe(before.Status(id), $"{id}: {after.Reason(id)}");
        after.Reason("file-descriptors").ShouldNotContain("pid 1 (x)");
        CollectedRow(ns, pid)[6].GetString().ShouldBe(ForgingName, "the name is one cell, exactly as the process set it");
    }

    [SkippableFact]
    public void A_listener_whose_name_spells_pid_1_is_named_by_its_own_pid()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        // ss -p prints the name unquoted: users:(("a",pid=1,fd=3",pid=REAL,fd=3)); the first pid= in it is the forged one.
        var pid = StartAsNobody(ns, "a\",pid=1,fd=3", listenPort: 9419);
        var report = ns.Diagnose();
        report.Status("tcp-backlog").ShouldBe("fired", report.ToString());
        var reason = report.Reason("tcp-backlog");
        reason.ShouldContain($"127.0.0.1:9419 has ");
        reason.ShouldContain($"pid {pid})");
        reason.ShouldNotContain("pid 1)");
    }

    [SkippableFact]
    public void A_process_at_its_limit_with_escapes_in_its_name_is_named_once_as_data()
    {
        RequireRoot();
        using var ns = new NetworkNamespace();
        var pid = StartAsNobody(ns, EscapingName, fdLimit: 16);
        var report = ns.Diagnose();
        report.Status("file-descriptors").ShouldBe("fired", report.ToString());
        var reason = report.Reason("file-descriptors");
        reason.ShouldContain($"pid {pid} (");
        reason.ShouldContain("red");
        System.Text.RegularExpressions.Regex.Count(reason, @"pid \d+ \(").ShouldBe(1, reason);
        var row = CollectedRow(ns, pid);
        row[6].GetString().ShouldBe(EscapingName);
        row[1].GetDouble().ShouldBeGreaterThanOrEqualTo(row[2].GetDouble(), "it holds every fd its soft limit allows");
        row[4].GetDouble().ShouldBe(65534);
    }

    [SkippableFact]
    public void A_process_running_as_nobody_cannot_answer_for_nstat_with_forged_counters()
    {
        // nstat trusts a "daemon" on @nstat0 whose uid is its own; probes ran as nobody, so any nobody process could.
        RequireRoot();
        using var ns = new NetworkNamespace();
        var daemon = ns.Start(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", NetworkNamespace.Python, Path.Combine(NetworkNamespace.Faults, "fake_nstat_daemon.py"), "60"]);
        daemon.StandardOutput.ReadLine().ShouldBe("ready");
        var report = ns.Diagnose();
        report.Status("tcp-backlog").ShouldNotBe("fired", report.Reason("tcp-backlog"));
        report.Reason("tcp-backlog").ShouldNotContain("1000000");
    }
}
