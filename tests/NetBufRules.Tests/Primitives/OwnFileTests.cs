using NetBufRules.Primitives;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Primitives;

/// <summary>
/// What netbufrules writes for the user as root (a snapshot with collect -o, watch's textfile and recorded events) goes
/// where the user said and nowhere else, even in a folder another user owns and has planted links in.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
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

    private string Pack()
    {
        var pack = Path.Combine(_dir.FullName, "p.yaml");
        File.WriteAllText(pack, Playbooks.Minimal("  somax: { sysctl: net.core.somaxconn }", "  - if: somax > limit\n    message: m"));
        return pack;
    }

    private static async Task Run(string program, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(program, args);
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"{program} {string.Join(' ', args)}");
    }

    private static uint? TypeOf(string path) => NativeFile.Stat(path, follow: false) is { } st ? st.Mode & NativeFile.TypeMask : null;

    [Fact]
    public void A_link_at_the_target_is_refused_and_neither_it_nor_its_target_changes()
    {
        var victim = Victim();
        var path = Path.Combine(_dir.FullName, "snap.json");
        File.CreateSymbolicLink(path, victim);
        Should.Throw<IOException>(() => OwnFile.Write(path, "{}\n")).Message.ShouldContain("is a symbolic link; netbufrules replaces only a regular file");
        File.ReadAllText(victim).ShouldBe("ORIGINAL\n");
        new FileInfo(path).LinkTarget.ShouldBe(victim);
        Directory.GetFileSystemEntries(_dir.FullName).Length.ShouldBe(2, "no temporary file is left behind");
    }

    [Fact]
    public async Task Collect_refuses_a_planted_link_and_writes_nothing_through_it()
    {
        var victim = Victim();
        var path = Path.Combine(_dir.FullName, "snap.json");
        File.CreateSymbolicLink(path, victim);
        var (code, _, error) = await CliRunner.Run("collect", Pack(), "--interval", "0", "-o", path);
        code.ShouldBe(2, error);
        error.ShouldContain($"'{path}' is a symbolic link");
        File.ReadAllText(victim).ShouldBe("ORIGINAL\n");
        new FileInfo(path).LinkTarget.ShouldBe(victim);
    }

    [Fact]
    public async Task Collect_to_a_character_device_is_a_usage_error_and_the_device_stays()
    {
        // The null device (1,3) under this test's own temporary folder: never the host's /dev.
        var device = Path.Combine(_dir.FullName, "null");
        await Run("mknod", "-m", "666", device, "c", "1", "3");
        var (code, output, error) = await CliRunner.Run("collect", Pack(), "--interval", "0", "-o", device);
        code.ShouldBe(2, error);
        error.ShouldBe($"netbufrules: '{device}' is a character device; netbufrules replaces only a regular file (name a new file); '-o -' writes to standard output\n");
        output.ShouldBeEmpty();
        TypeOf(device).ShouldBe(0x2000u, "still a character device");
        Directory.GetFileSystemEntries(_dir.FullName).Length.ShouldBe(2, "no temporary file is left beside it");
    }

    [Fact]
    public async Task Collect_to_a_fifo_is_a_usage_error_and_the_fifo_stays()
    {
        var fifo = Path.Combine(_dir.FullName, "pipe");
        await Run("mkfifo", fifo);
        var (code, _, error) = await CliRunner.Run("collect", Pack(), "--interval", "0", "-o", fifo);
        code.ShouldBe(2, error);
        error.ShouldContain("is a FIFO");
        TypeOf(fifo).ShouldBe(0x1000u);
    }

    [Fact]
    public async Task Collect_to_a_link_like_dev_stdout_is_refused_and_the_link_stays()
    {
        var stdout = Path.Combine(_dir.FullName, "stdout");
        File.CreateSymbolicLink(stdout, "/proc/self/fd/1");
        var (code, _, error) = await CliRunner.Run("collect", Pack(), "--interval", "0", "-o", stdout);
        code.ShouldBe(2, error);
        new FileInfo(stdout).LinkTarget.ShouldBe("/proc/self/fd/1");
    }

    [Fact]
    public async Task Every_writer_refuses_a_device_at_its_target()
    {
        var textfiles = Directory.CreateDirectory(Path.Combine(_dir.FullName, "textfile")).FullName;
        var fifo = Path.Combine(textfiles, NetBufRules.Watch.TextfileWriter.FileName);
        await Run("mkfifo", fifo);
        Should.Throw<IOException>(() => NetBufRules.Watch.TextfileWriter.Write(textfiles, "netbufrules_up 1\n")).Message.ShouldContain("is a FIFO");
        TypeOf(fifo).ShouldBe(0x1000u);
    }

    [Fact]
    public async Task A_snapshot_is_for_its_owner_alone_whatever_the_umask()
    {
        // It holds the kernel log (dmesg_restrict), the journal and every process's sockets.
        var path = Path.Combine(_dir.FullName, "snap.json");
        var (code, _, error) = await CliRunner.Run("collect", Pack(), "--interval", "0", "-o", path);
        code.ShouldBe(0, error);
        File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Collect_with_a_dash_writes_the_snapshot_to_standard_output()
    {
        var (code, output, error) = await CliRunner.Run("collect", Pack(), "--interval", "0", "-o", "-");
        code.ShouldBe(0, error);
        output.ShouldContain("\"sources\"");
        File.Exists("-").ShouldBeFalse();
    }
}
