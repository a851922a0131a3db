using NetBufRules.Primitives;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Primitives;

/// <summary>
/// What netbufrules writes for the user as root (a snapshot with collect -o, watch's textfile and recorded events) goes
/// where the user said and nowhere else, even in a folder another user owns and has planted links in.
/// </summary>
public sealed class OwnFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("nbr-own-file-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Victim()
    {
        var victim = Path.Combine(_dir.FullName, "victim.conf");
        File.WriteAllText(victim, "ORIGINAL\n");
        return victim;
    }

    [Fact]
    public void A_link_at_the_target_is_replaced_and_its_target_left_alone()
    {
        var victim = Victim();
        var path = Path.Combine(_dir.FullName, "snap.json");
        File.CreateSymbolicLink(path, victim);
        OwnFile.Write(path, "{}\n");
        File.ReadAllText(victim).ShouldBe("ORIGINAL\n");
        new FileInfo(path).LinkTarget.ShouldBeNull();
        File.ReadAllText(path).ShouldBe("{}\n");
        Directory.GetFileSystemEntries(_dir.FullName).Length.ShouldBe(2);
    }

    [Fact]
    public async Task Collect_writes_its_snapshot_over_a_planted_link_not_through_it()
    {
        var victim = Victim();
        var path = Path.Combine(_dir.FullName, "snap.json");
        File.CreateSymbolicLink(path, victim);
        var pack = Path.Combine(_dir.FullName, "p.yaml");
        File.WriteAllText(pack, Playbooks.Minimal("  somax: { sysctl: net.core.somaxconn }", "  - if: somax > limit\n    message: m"));
        var (code, _, error) = await CliRunner.Run("collect", pack, "--interval", "0", "-o", path);
        code.ShouldBe(0, error);
        File.ReadAllText(victim).ShouldBe("ORIGINAL\n");
        File.ReadAllText(path).ShouldContain("\"sources\"");
    }
}
