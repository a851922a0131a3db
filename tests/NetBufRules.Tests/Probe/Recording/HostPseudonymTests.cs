using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe.Recording;

/// <summary>
/// A redacted snapshot is not named after its host: a fleet replay labels each host by its file name, and the
/// shipped collect unit named the file %H.json, so every redacted fleet report showed the real names (red team
/// round 5, repro-13). <c>collect -o DIR/{host-id}.json</c> names it by a stable pseudonym instead.
/// </summary>
public sealed class HostPseudonymTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("nbr-t5b-id-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void The_pseudonym_is_stable_per_machine_distinct_across_machines_and_holds_neither_id_nor_name()
    {
        var a = HostPseudonym.Of("0123456789abcdef0123456789abcdef\n");
        a.ShouldBe(HostPseudonym.Of("0123456789abcdef0123456789abcdef"));
        a.ShouldNotBeNull().ShouldMatch("^host-[0-9a-f]{12}$");
        a.ShouldNotBe(HostPseudonym.Of("fedcba9876543210fedcba9876543210"));
        a.ShouldNotContain("0123456789ab");
        HostPseudonym.Of("\n").ShouldBeNull();
        HostPseudonym.Of(null).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Collect_redact_names_the_file_by_the_pseudonym_never_by_the_host_name_and_a_fleet_replay_shows_no_host_name()
    {
        Skip.IfNot(HostPseudonym.OfThisHost() is not null, "this host has no /etc/machine-id");
        var pack = Path.Combine(_dir.FullName, "p.yaml");
        File.WriteAllText(pack, Playbooks.Minimal("  somax: { sysctl: net.core.somaxconn }", "  - if: somax > limit\n    message: m"));
        var folder = Directory.CreateDirectory(Path.Combine(_dir.FullName, "snapshots")).FullName;

        var (code, _, error) = await CliRunner.Run("collect", pack, "--interval", "0", "--redact", "-o", Path.Combine(folder, "{host-id}.json"));
        var (again, _, _) = await CliRunner.Run("collect", pack, "--interval", "0", "--redact", "-o", Path.Combine(folder, "{host-id}.json"));

        code.ShouldBe(0, error);
        again.ShouldBe(0);
        var file = Directory.GetFiles(folder).ShouldHaveSingleItem("the second run replaces the first one's file");
        Path.GetFileName(file).ShouldBe(HostPseudonym.OfThisHost() + ".json");
        var (_, report, _) = await CliRunner.Run("run", pack, "--from", folder, "--format", "json");
        var host = System.Text.Json.JsonDocument.Parse(report).RootElement.GetProperty("hosts").EnumerateArray().ShouldHaveSingleItem();
        host.GetProperty("label").GetString().ShouldBe(HostPseudonym.OfThisHost());
        host.GetProperty("hostname").GetString().ShouldBe("redacted-host");
    }

    [Fact]
    public void The_shipped_collect_unit_names_redacted_snapshots_by_the_pseudonym()
    {
        var unit = File.ReadAllText(Path.Combine(Repo.Root, "examples", "systemd", "netbufrules-collect.service"));
        var exec = unit.Split('\n').Where(l => l.StartsWith("ExecStart=", StringComparison.Ordinal)).ShouldHaveSingleItem();
        exec.ShouldEndWith("collect --redact -o /var/lib/netbufrules/snapshots/{host-id}.json");
        exec.ShouldNotContain("%H", Case.Sensitive);
    }
}
