using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Hostile;

/// <summary>
/// A shared pack's playbook or profile that is a link to a private file (/etc/shadow, a CI user's key) is refused
/// before it is read, so none of its lines comes back as an "unknown key" or "no loaded playbook has a param" message
/// in a CI log; a link to a file anyone may read is still followed.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LinkToPrivateFileTests : IDisposable
{
    private const string Secret = "root:$y$j9T$SECRETSALT$SECRETHASH:19000:0:99999:7:::\n";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("nbr-link-");
    private readonly DirectoryInfo _elsewhere = Directory.CreateTempSubdirectory("nbr-elsewhere-");

    public void Dispose()
    {
        _dir.Delete(recursive: true);
        _elsewhere.Delete(recursive: true);
    }

    private string Private()
    {
        // Outside the folder of the links (a link to a private file beside it, a snapshot's "latest.json", is followed).
        var file = Path.Combine(_elsewhere.FullName, "shadow");
        File.WriteAllText(file, Secret);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        return file;
    }

    private string Link(string name, string target)
    {
        var link = Path.Combine(_dir.FullName, name);
        File.CreateSymbolicLink(link, target);
        return link;
    }

    [Fact]
    public async Task A_profile_linked_to_a_private_file_is_refused_without_a_byte_of_it()
    {
        var profile = Link("frontend.yaml", Private());

        var (code, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--values", profile, "--interval", "0");

        code.ShouldBe(2);
        error.ShouldContain($"leads through a link to {_elsewhere.FullName}/shadow, a file not everyone on this host may read");
        (output + error).ShouldNotContain("SECRET");
        (output + error).ShouldNotContain("root:");
    }

    [Fact]
    public async Task A_playbook_linked_to_a_private_file_is_NBR191_and_nothing_of_it_is_shown()
    {
        var playbook = Link("x.yaml", Private());

        var (code, output, error) = await CliRunner.Run("lint", playbook);

        code.ShouldBe(1);
        output.ShouldContain($"{playbook}:1:1: error NBR191: '{playbook}' leads through a link to");
        (output + error).ShouldNotContain("SECRET");
        (output + error).ShouldNotContain("NBR003");
    }

    [Fact]
    public async Task A_link_to_a_private_snapshot_beside_it_is_followed()
    {
        var snapshot = Path.Combine(_dir.FullName, "host-2026.json");
        File.Copy(Path.Combine(Repo.Root, "examples", "snapshots", "netns-healthy.json"), snapshot);
        File.SetUnixFileMode(snapshot, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (code, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", Link("latest.json", snapshot));

        code.ShouldBeOneOf(0, 1);
        error.ShouldNotContain("NBR191");
        output.ShouldContain("ok");
    }

    [Fact]
    public async Task A_link_to_a_file_anyone_may_read_is_followed()
    {
        var copy = Path.Combine(_dir.FullName, "real.yaml");
        File.Copy(Path.Combine(Repo.Playbooks, "tcp-memory.yaml"), copy);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (code, output, _) = await CliRunner.Run("lint", Link("linked.yaml", copy));

        code.ShouldBe(0, output);
    }
}
