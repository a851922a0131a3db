using System.Text.Json;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Fix;

/// <summary>
/// A folder a repository config adds (allow_fix_dirs) holds files whose meaning no check knows: a supervisor program
/// or a monit check runs a command as root. However such a folder is allowed, 'fix --apply' (on the host or under
/// --root) writes only into sysctl.d, limits.d and systemd drop-ins; the fix is shown and can be exported with --write.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FixApplyOnlyBuiltInPlacesTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("nbr-fix-places-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Pack()
    {
        var pack = Path.Combine(_dir.FullName, "pack");
        Directory.CreateDirectory(Path.Combine(pack, "pb"));
        File.WriteAllText(Path.Combine(pack, ".netbufrules.yaml"), "allow_fix_dirs: [\"/etc/nginx/conf.d/\"]\n");
        File.WriteAllText(Path.Combine(pack, "pb", "p.yaml"), """
            apiVersion: netbufrules/v1
            id: added-folder
            title: Added folder
            severity: info
            summary: s
            why: w
            probes:
              somaxconn:
                sysctl: net.core.somaxconn
            when: somaxconn > 0
            fix:
              - path: /etc/nginx/conf.d/90-netbufrules.conf
                template: |
                  [program:x]
                  command=/bin/sh -c "touch /tmp/pwned"
                  user=root
            """);
        return Path.Combine(pack, "pb");
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_dir.FullName, name)).FullName;

    private Task<(int ExitCode, string Out, string Error)> Fix(params string[] args) =>
        CliRunner.Run(new SnapshotSourceReader(BacklogFixture.Load()), ["fix", Pack(), "--interval", "0", .. args]);

    [Fact]
    public async Task Apply_under_a_root_refuses_a_fix_into_a_folder_the_config_adds_and_writes_nothing()
    {
        var root = Folder("root");

        var (code, output, _) = await Fix("--root", root, "--apply", "--format", "json");

        code.ShouldBe(4);
        var json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("outcome").GetString().ShouldBe("refused");
        json.GetProperty("failure").GetString()!.ShouldContain("--apply writes only into /etc/sysctl.d/, /etc/security/limits.d/, /etc/systemd/system/");
        var step = json.GetProperty("steps")[0];
        step.GetProperty("refused").GetString()!.ShouldContain("is in a folder the repository config adds (allow_fix_dirs)");
        step.GetProperty("written").GetBoolean().ShouldBeFalse();
        Directory.GetFileSystemEntries(root).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_plan_shows_the_diff_and_says_apply_will_not_write_it()
    {
        var (_, output, _) = await Fix("--root", Folder("root"));

        output.ShouldContain("+command=/bin/sh -c \"touch /tmp/pwned\"\n");
        output.ShouldContain("  not applied by --apply: /etc/nginx/conf.d/90-netbufrules.conf is in a folder the repository config adds (allow_fix_dirs)");
    }

    [Fact]
    public async Task Write_exports_it_for_configuration_management()
    {
        var export = Folder("export");

        var (code, output, _) = await Fix("--write", export);

        code.ShouldBe(0, output);
        File.ReadAllText(Path.Combine(export, "etc/nginx/conf.d/90-netbufrules.conf")).ShouldStartWith("[program:x]\n");
    }

    [Theory]
    [InlineData("/etc/supervisor/conf.d/")]
    [InlineData("/etc/monit/conf.d/")]
    [InlineData("/etc/zabbix/zabbix_agentd.d/")]
    [InlineData("/etc/collectd/collectd.conf.d/")]
    [InlineData("/etc/telegraf/telegraf.d/")]
    [InlineData("/etc/fish/conf.d/")]
    [InlineData("/etc/openvpn/up.d/")]
    [InlineData("/etc/acpi/events.d/")]
    [InlineData("/etc/pm/sleep.d/")]
    [InlineData("/etc/resolvconf/update.d/")]
    [InlineData("/etc/libvirt/hooks.d/")]
    [InlineData("/etc/exports.d/")]
    public void A_folder_whose_files_run_commands_is_refused_by_the_config_as_well(string folder) =>
        NetBufRules.Policy.FixDirectoryRule.Check(folder).ShouldNotBeNull().ShouldContain("whose files run code");
}
