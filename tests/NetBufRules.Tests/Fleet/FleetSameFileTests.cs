using NetBufRules.Tests.Hostile;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Fleet;

/// <summary>
/// A symlink (or hard link) in a --from folder to another snapshot of the folder is the same host: it is read once,
/// under the name that is not a link, and the replay says so. Before, the fleet counted that host twice.
/// </summary>
public sealed class FleetSameFileTests
{
    [Fact]
    public async Task A_symlink_to_another_snapshot_of_the_folder_is_read_once_and_said()
    {
        using var scratch = new RobustnessScratch();
        scratch.Write("fleet/a.json", File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-backlog.json")));
        scratch.Write("fleet/c.json", File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-healthy.json")));
        var fleet = Path.Combine(scratch.Root, "fleet");
        // "0-" sorts first: the link, not the file, would be the name kept if order alone decided.
        File.CreateSymbolicLink(Path.Combine(fleet, "0-again.json"), "a.json");

        var (code, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", fleet);

        code.ShouldBe(1, error);
        error.ShouldContain($"netbufrules: '{Path.Combine(fleet, "0-again.json")}' is the same file as '{Path.Combine(fleet, "a.json")}' (a symlink to it); read once");
        output.ShouldContain("tcp-backlog fired on 1 of 2 hosts");
        output.ShouldNotContain("of 3 hosts");
    }

    [Fact]
    public async Task A_hard_link_is_the_same_host_too()
    {
        using var scratch = new RobustnessScratch();
        var a = scratch.Write("fleet/a.json", File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-backlog.json")));
        var fleet = Path.Combine(scratch.Root, "fleet");
        using (var ln = System.Diagnostics.Process.Start("ln", [a, Path.Combine(fleet, "b.json")])) ln.WaitForExit();

        var (_, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", fleet);

        error.ShouldContain("(a hard link); read once");
        output.ShouldContain("tcp-backlog fired on 1 of 1 hosts");
    }

    [Fact]
    public async Task A_fifo_and_a_folder_named_json_in_a_fleet_neither_hang_nor_pass_in_silence()
    {
        using var scratch = new RobustnessScratch();
        scratch.Write("fleet/a.json", File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-backlog.json")));
        var fleet = Path.Combine(scratch.Root, "fleet");
        Directory.CreateDirectory(Path.Combine(fleet, "dir.json"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(fleet, "fifo.json")])) mkfifo.WaitForExit();

        var (code, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", fleet);

        code.ShouldBe(2, "a refused snapshot is exit 2, the rest still reported");
        error.ShouldContain($"netbufrules: '{Path.Combine(fleet, "dir.json")}' is a folder, not a snapshot; passed over");
        error.ShouldContain("fifo.json' is not a regular file (a device, FIFO or socket is never read)");
        output.ShouldContain("tcp-backlog fired on 1 of 1 hosts");
    }
}
