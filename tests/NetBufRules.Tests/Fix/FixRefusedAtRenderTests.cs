using System.Text.Json;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Fix;

/// <summary>
/// A fix the content check refuses (one that would lower a limit, or one it cannot compare with a measured value)
/// makes its finding an error with no fix; fix says so, and --apply writes nothing and exits 4, as for any refusal.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FixRefusedAtRenderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("nbr-fix-render-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Playbook(string fix)
    {
        var file = Path.Combine(_dir.FullName, "lower.yaml");
        File.WriteAllText(file, "apiVersion: netbufrules/v1\nid: lower\ntitle: Lower\nseverity: info\nsummary: s\nwhy: w\n" +
            "probes:\n  procs:\n    processes: true\nwhen: count(procs) > 0\nfix:\n" + fix);
        return file;
    }

    private static Task<(int ExitCode, string Out, string Error)> Fix(string playbook, params string[] args) =>
        CliRunner.Run(new SnapshotSourceReader(BacklogFixture.Load()), ["fix", playbook, "--interval", "0", .. args]);

    [Fact]
    public async Task A_limits_d_line_that_lowers_every_logins_hard_limit_is_refused_and_nothing_is_written()
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir.FullName, "root")).FullName;
        var playbook = Playbook("  - path: /etc/security/limits.d/00-x.conf\n    template: |\n      * hard nofile 1024\n      root hard nofile 1024\n");

        var (code, output, _) = await Fix(playbook, "--root", root, "--apply", "--format", "json");

        code.ShouldBe(4);
        var json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("outcome").GetString().ShouldBe("refused");
        json.GetProperty("failure").GetString()!.ShouldContain("* hard nofile 1024 would lower the hard open-files limit 20000 that processes have now");
        Directory.GetFileSystemEntries(root).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_plan_names_the_refused_fix_instead_of_saying_there_is_nothing_to_fix()
    {
        var playbook = Playbook("  - path: /etc/systemd/system/ssh.service.d/90-x.conf\n    template: |\n      [Service]\n      MemoryHigh=256M\n    then: [systemctl, daemon-reload]\n");

        var (_, output, _) = await Fix(playbook, "--root", _dir.FullName);

        output.ShouldStartWith("lower: error, no fix: ");
        output.ShouldContain("the fix sets MemoryHigh= for ssh.service, but the run does not measure a unit's memory.high");
        // Not followed by a clean bill of health.
        output.ShouldNotContain("Nothing to fix");
    }

    [Fact]
    public async Task Write_exits_4_when_a_fix_was_refused()
    {
        var export = Directory.CreateDirectory(Path.Combine(_dir.FullName, "export")).FullName;
        var playbook = Playbook("  - path: /etc/systemd/system/nginx.service.d/90-x.conf\n    template: |\n      [Service]\n      LimitNOFILE=1024\n    then: [systemctl, daemon-reload]\n");

        var (code, output, _) = await Fix(playbook, "--write", export);

        code.ShouldBe(4, output);
        output.ShouldContain("but the run measured no process of that unit");
        Directory.GetFileSystemEntries(export).ShouldBeEmpty();
    }
}
