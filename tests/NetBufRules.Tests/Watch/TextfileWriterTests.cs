using NetBufRules.Tests.Support;
using NetBufRules.Watch;

namespace NetBufRules.Tests.Watch;

/// <summary>
/// Watch writes its textfile as root into a folder other users may write to (node_exporter's, often group-writable):
/// nothing planted there makes it write anywhere but its own file.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TextfileWriterTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("nbr-textfile-");

    public void Dispose() => _work.Delete(recursive: true);

    private string Folder => Directory.CreateDirectory(Path.Combine(_work.FullName, "textfile")).FullName;

    private string Victim()
    {
        var victim = Path.Combine(_work.FullName, "victim.conf");
        File.WriteAllText(victim, "ORIGINAL\n");
        return victim;
    }

    [Fact]
    public void It_writes_the_file_and_leaves_no_temporary_behind()
    {
        var folder = Folder;
        var path = TextfileWriter.Write(folder, "netbufrules_up 1\n");
        path.ShouldBe(Path.Combine(folder, TextfileWriter.FileName));
        File.ReadAllText(path).ShouldBe("netbufrules_up 1\n");
        Directory.GetFileSystemEntries(folder).ShouldBe([path]);
    }

    [Fact]
    public void A_link_planted_where_the_temporary_file_used_to_be_is_never_written_through()
    {
        // The name this process's temporary file had before: a user who can write the folder plants a link there.
        var folder = Folder;
        var victim = Victim();
        var planted = Path.Combine(folder, $".{TextfileWriter.FileName}.{Environment.ProcessId}.tmp");
        File.CreateSymbolicLink(planted, victim);
        TextfileWriter.Write(folder, "netbufrules_up 1\n");
        File.ReadAllText(victim).ShouldBe("ORIGINAL\n");
        File.ReadAllText(Path.Combine(folder, TextfileWriter.FileName)).ShouldBe("netbufrules_up 1\n");
    }

    [Fact]
    public void A_link_at_the_textfile_itself_is_refused_and_its_target_left_alone()
    {
        var folder = Folder;
        var victim = Victim();
        var path = Path.Combine(folder, TextfileWriter.FileName);
        File.CreateSymbolicLink(path, victim);
        Should.Throw<IOException>(() => TextfileWriter.Write(folder, "netbufrules_up 1\n"));
        File.ReadAllText(victim).ShouldBe("ORIGINAL\n");
        new FileInfo(path).LinkTarget.ShouldBe(victim);
    }

    [Fact]
    public void The_textfile_stays_readable_by_node_exporter()
    {
        var path = TextfileWriter.Write(Folder, "netbufrules_up 1\n");
        File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }
}
