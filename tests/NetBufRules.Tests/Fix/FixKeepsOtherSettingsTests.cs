using System.Text.Json;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Fix;

/// <summary>
/// A fix replaces a file whole, so it may replace one that exists only when every setting there stays, with the same
/// or a raised value: an admin's hardening in a sysctl.d file, or the override.conf that 'systemctl edit' makes, is
/// never dropped. Only a file this playbook wrote earlier (its first line '# PLAYBOOK-ID:') may lose a setting a fix
/// may write. Real files under a throwaway --root (or --write folder); plan, --apply, --root and --write alike.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FixKeepsOtherSettingsTests : IDisposable
{
    private const string Backlog = "etc/sysctl.d/90-netbufrules-tcp-backlog.conf";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("nbr-fix-keep-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Put(string relative, string content)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static Task<(int ExitCode, string Out, string Error)> Fix(ISourceReader reader, string playbooks, params string[] args) =>
        CliRunner.Run(reader, ["fix", playbooks, "--interval", "0", .. args]);

    private static SnapshotSourceReader Recording(string? processes = null)
    {
        var snapshot = BacklogFixture.Load();
        return new SnapshotSourceReader(processes is null ? snapshot : snapshot.Replace("/proc/*/{comm,fd,limits,cgroup}", processes));
    }

    private string Playbook(string fix, string probes = "")
    {
        var file = Path.Combine(_root.FullName, "playbook", "p.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "apiVersion: netbufrules/v1\nid: keep\ntitle: Keep\nseverity: info\nsummary: s\nwhy: w\n" +
            "probes:\n  somaxconn:\n    sysctl: net.core.somaxconn\n" + probes + "when: somaxconn < 1000000000\nfix:\n" + fix);
        return file;
    }

    [Theory]
    [InlineData("--apply")]
    [InlineData("")]
    public async Task An_admins_sysctl_file_with_hardening_is_never_replaced_by_one_without_it(string mode)
    {
        const string admin = "kernel.kptr_restrict = 2\nnet.ipv4.conf.all.rp_filter = 1\nkernel.unprivileged_bpf_disabled = 1\nfs.protected_symlinks = 1\nnet.core.somaxconn = 1024\n";
        var path = Put("etc/sysctl.d/10-network-security.conf", admin);
        var playbook = Playbook("""
              - path: /etc/sysctl.d/10-network-security.conf
                template: |
                  net.core.somaxconn = {{ max somaxconn 65536 }}
                then: [sysctl, -p, /etc/sysctl.d/10-network-security.conf]
            """);

        var (code, output, _) = await Fix(Recording(), playbook, ["--root", _root.FullName, .. (mode.Length > 0 ? new[] { mode } : Array.Empty<string>())]);

        code.ShouldBe(mode == "--apply" ? 4 : 1, output);
        output.ShouldContain("refused: the file exists and was not written by this playbook (its first line is not '# keep: ...'); replacing it would drop "
            + "kernel.kptr_restrict = 2, net.ipv4.conf.all.rp_filter = 1, kernel.unprivileged_bpf_disabled = 1, fs.protected_symlinks = 1: a fix never removes or weakens a setting another party wrote");
        File.ReadAllText(path).ShouldBe(admin);
    }

    [Fact]
    public async Task The_override_conf_that_systemctl_edit_makes_keeps_its_user_hardening_and_empty_capability_set()
    {
        const string admin = "[Service]\nUser=www-data\nNoNewPrivileges=yes\nProtectSystem=strict\nCapabilityBoundingSet=\nLimitNOFILE=4096\n";
        var path = Put("etc/systemd/system/nginx.service.d/override.conf", admin);
        var playbook = Playbook("""
              - path: /etc/systemd/system/nginx.service.d/override.conf
                template: |
                  [Service]
                  LimitNOFILE={{ max 65536 (maxof procs "hard") }}
                then: [systemctl, daemon-reload]
            """, "  procs:\n    processes: true\n");
        var reader = Recording("pid\tfds\tsoft\thard\tuid\tunit\tcomm\n4242\t10\t4096\t4096\t33\tnginx.service\tnginx\n");

        var (code, output, _) = await Fix(reader, playbook, "--root", _root.FullName, "--apply", "--format", "json");

        code.ShouldBe(4);
        var json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("outcome").GetString().ShouldBe("refused");
        json.GetProperty("steps")[0].GetProperty("refused").GetString()!.ShouldContain(
            "would drop [Service] User=www-data, [Service] NoNewPrivileges=yes, [Service] ProtectSystem=strict, [Service] CapabilityBoundingSet=:");
        File.ReadAllText(path).ShouldBe(admin);
    }

    [Fact]
    public async Task Write_refuses_to_export_over_a_file_whose_settings_it_would_drop()
    {
        var path = Put(Backlog, "kernel.kptr_restrict = 2\n");

        var (code, output, _) = await Fix(Recording(), Repo.Playbooks, "--write", _root.FullName);

        code.ShouldBe(4);
        output.ShouldContain("would drop kernel.kptr_restrict = 2");
        File.ReadAllText(path).ShouldBe("kernel.kptr_restrict = 2\n");
    }

    [Fact]
    public async Task A_file_this_playbook_wrote_earlier_still_keeps_every_setting_in_it()
    {
        // A setting the fix no longer advises would fall back to the kernel's default (lowered), and an admin may have
        // added a raise of their own to the file since (red team: root's nofile line vanished from a limits.d file).
        var path = Put(Backlog, "# tcp-backlog: written earlier\nnet.core.somaxconn = 1024\nnet.core.netdev_max_backlog = 2000\n");
        var (code, output, _) = await Fix(Recording(), Repo.Playbooks, "--root", _root.FullName, "--apply");
        code.ShouldBe(4, output);
        output.ShouldContain("refused: tcp-backlog: the file exists (this playbook wrote it earlier; it may have been edited since); replacing it would drop net.core.netdev_max_backlog = 2000");
        File.ReadAllText(path).ShouldContain("net.core.netdev_max_backlog = 2000\n");

        Put(Backlog, "# tcp-backlog: written earlier\nnet.core.somaxconn = 1024\nnet.core.rmem_max = 99999999\n");
        (code, output, _) = await Fix(Recording(), Repo.Playbooks, "--root", _root.FullName, "--apply");
        code.ShouldBe(4);
        output.ShouldContain("would drop net.core.rmem_max = 99999999");
    }

    [Fact]
    public async Task A_value_in_the_replaced_file_is_read_as_the_kernel_reads_it()
    {
        // 010000 is octal: the kernel applied 4096, which the fix's 4096 keeps (read as decimal, 10000 would refuse it).
        var path = Put(Backlog, "# tcp-backlog: written earlier\nnet.core.somaxconn = 010000\n");
        (await Fix(Recording(), Repo.Playbooks, "--root", _root.FullName, "--apply")).ExitCode.ShouldBe(0);
        File.ReadAllText(path).ShouldContain("net.core.somaxconn = 4096\n");

        // 0x100000 is 1048576: 4096 would lower it.
        Put(Backlog, "# tcp-backlog: written earlier\nnet.core.somaxconn = 0x100000\n");
        var (code, output, _) = await Fix(Recording(), Repo.Playbooks, "--root", _root.FullName, "--apply");
        code.ShouldBe(4, output);
        output.ShouldContain("net.core.somaxconn = 4096 would lower below 0x100000 (the file it replaces)");
    }
}
