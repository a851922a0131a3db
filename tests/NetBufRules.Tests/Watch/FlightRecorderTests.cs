using NetBufRules.Primitives;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;
using NetBufRules.Watch;

namespace NetBufRules.Tests.Watch;

/// <summary>
/// The flight recorder writes and deletes as root in its folder: it refuses a folder anyone else could write, keeps its
/// events for root alone (they hold the kernel log and every process's sockets), and its rotation deletes only event
/// folders of its own user, file by file, never following or descending into anything in them.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FlightRecorderTests : IDisposable
{
    private const long OneMiB = 1024 * 1024;
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("nbr-recorder-");

    public void Dispose()
    {
        // Test folders may have been handed to another uid or opened up: take them back before deleting.
        foreach (var d in Directory.EnumerateDirectories(_work.FullName, "*", SearchOption.AllDirectories).Where(d => new DirectoryInfo(d).LinkTarget is null))
            File.SetUnixFileMode(d, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _work.Delete(recursive: true);
    }

    private string Record => Directory.CreateDirectory(Path.Combine(_work.FullName, "record")).FullName;

    private static Snapshot Window(int n) =>
        new(new HostInfo("h", "k", DateTimeOffset.UnixEpoch, true, "net:[1]"), 1, [new SnapshotSource($"file:/proc/x{n}", "x", [new RawOutput(DateTimeOffset.UnixEpoch, "1\n")])]);

    private static FlightRecorder Recorder(string folder, long max = 64 * OneMiB)
    {
        var recorder = new FlightRecorder(folder, 2, max);
        recorder.Add(Window(1));
        recorder.Add(Window(2));
        return recorder;
    }

    private static void Chown(string path, string owner)
    {
        using var chown = System.Diagnostics.Process.Start("chown", ["-h", owner, path]);
        chown.WaitForExit();
        chown.ExitCode.ShouldBe(0);
    }

    /// <summary>An old event folder (its fired.json over the cap) as a previous run, or someone else, left it.</summary>
    private static string OldEvent(string record, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(record, name)).FullName;
        File.WriteAllBytes(Path.Combine(folder, "fired.json"), new byte[2 * OneMiB]);
        return folder;
    }

    private string Victim()
    {
        var victim = Directory.CreateDirectory(Path.Combine(_work.FullName, "victim")).FullName;
        for (var i = 0; i < 5; i++) File.WriteAllText(Path.Combine(victim, $"file{i}"), "precious\n");
        return victim;
    }

    [Fact]
    public void A_record_folder_others_can_write_is_refused_and_nothing_is_written()
    {
        var record = Record;
        File.SetUnixFileMode(record, (UnixFileMode)0x1FF); // 0777
        FlightRecorder.Problem(record).ShouldBe($"the record folder is refused: '{record}' is writable by others (mode 0777), who could swap what is written there for a link (hint: chmod go-w {record})");
        Should.Throw<IOException>(() => Recorder(record).Save("drops", DateTimeOffset.UtcNow));
        Directory.GetFileSystemEntries(record).ShouldBeEmpty();
    }

    [Fact]
    public void A_record_folder_its_group_can_write_is_refused()
    {
        var record = Record;
        File.SetUnixFileMode(record, (UnixFileMode)0x1F8); // 0770
        FlightRecorder.Problem(record)!.ShouldContain("is writable by its group (mode 0770)");
    }

    [Fact]
    public void A_record_folder_another_user_owns_is_refused()
    {
        var record = Record;
        Chown(record, "65534:65534");
        FlightRecorder.Problem(record)!.ShouldContain("is owned by uid 65534, neither root nor the user running netbufrules");
    }

    [Fact]
    public void A_record_folder_below_a_folder_others_can_write_is_refused()
    {
        var record = Record;
        File.SetUnixFileMode(_work.FullName, (UnixFileMode)0x1FF); // 0777, not sticky: anyone could rename 'record' away
        FlightRecorder.Problem(record)!.ShouldContain($"'{_work.FullName}' is writable by others");
    }

    [Fact]
    public void A_private_record_folder_under_the_sticky_tmp_is_accepted()
    {
        FlightRecorder.Problem(Record).ShouldBeNull();
    }

    [Fact]
    public async Task Watch_refuses_a_record_folder_others_can_write_before_it_starts()
    {
        var record = Record;
        File.SetUnixFileMode(record, (UnixFileMode)0x1FF);
        var pack = Path.Combine(_work.FullName, "p.yaml");
        File.WriteAllText(pack, Playbooks.Minimal("  somax: { sysctl: net.core.somaxconn }", "  - if: somax > limit\n    message: m"));
        var (code, output, error) = await CliRunner.Run("watch", pack, "--interval", "0.2", "--for", "1s", "--record", record);
        code.ShouldBe(2, error);
        error.ShouldStartWith($"netbufrules: the record folder is refused: '{record}' is writable by others");
        output.ShouldBeEmpty();
    }

    [Fact]
    public void Watch_creates_a_missing_record_folder_for_its_owner_alone()
    {
        // What CliApp.Watch does for a missing --record folder.
        var record = Path.Combine(_work.FullName, "new-record");
        Directory.CreateDirectory(record, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        FlightRecorder.Problem(record).ShouldBeNull();
    }

    [Fact]
    public void An_event_is_for_its_owner_alone_whatever_the_umask()
    {
        var record = Record;
        var fired = Recorder(record).Save("drops", DateTimeOffset.UtcNow);
        File.GetUnixFileMode(Path.GetDirectoryName(fired)!).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(fired)!))
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, file);
        Directory.GetFiles(Path.GetDirectoryName(fired)!).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(["before-1.json", "fired.json"]);
        SnapshotJson.ReadFile(fired).Sources.Single().Key.ShouldBe("file:/proc/x2");
    }

    [Fact]
    public void A_second_event_in_the_same_second_gets_its_own_folder_and_a_link_at_the_name_is_never_followed()
    {
        var record = Record;
        var time = new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero);
        var victim = Victim();
        File.CreateSymbolicLink(Path.Combine(record, "20261127T110000Z-drops"), victim);
        var fired = Recorder(record).Save("drops", time);
        fired.ShouldBe(Path.Combine(record, "20261127T110000Z-drops-2", "fired.json"));
        Directory.GetFiles(victim).Length.ShouldBe(5);
        Directory.GetFiles(victim).ShouldAllBe(f => Path.GetFileName(f).StartsWith("file", StringComparison.Ordinal));
    }

    [Fact]
    public void Rotation_deletes_the_oldest_event_of_its_own_over_the_cap()
    {
        var record = Record;
        var old = OldEvent(record, "20200101T000000Z-drops");
        var fired = Recorder(record, OneMiB).Save("drops", DateTimeOffset.UtcNow);
        Directory.Exists(old).ShouldBeFalse();
        File.Exists(fired).ShouldBeTrue("the newest event is always kept");
    }

    [Fact]
    public void Rotation_never_deletes_an_event_folder_another_user_planted()
    {
        var record = Record;
        var victim = Victim();
        var planted = OldEvent(record, "00000000T000000Z-aaa");
        File.CreateSymbolicLink(Path.Combine(planted, "l0"), victim);
        Chown(Path.Combine(planted, "fired.json"), "65534:65534");
        Chown(planted, "65534:65534");
        Recorder(record, OneMiB).Save("drops", DateTimeOffset.UtcNow);
        Directory.Exists(planted).ShouldBeTrue("not an event of this recorder's user");
        File.Exists(Path.Combine(planted, "fired.json")).ShouldBeTrue();
        Directory.GetFiles(victim).Length.ShouldBe(5);
    }

    [Fact]
    public void Rotation_removes_a_link_in_an_old_event_and_leaves_what_it_points_to()
    {
        var record = Record;
        var victim = Victim();
        var old = OldEvent(record, "20200101T000000Z-drops");
        File.CreateSymbolicLink(Path.Combine(old, "s0"), victim);
        Recorder(record, OneMiB).Save("drops", DateTimeOffset.UtcNow);
        Directory.Exists(old).ShouldBeFalse();
        Directory.GetFiles(victim).Length.ShouldBe(5);
    }

    [Fact]
    public void Rotation_never_descends_into_a_folder_inside_an_event()
    {
        // An event holds only files; a sub-folder (which a swapper could turn into a link mid-walk) is never walked,
        // so that event stays and only its files go.
        var record = Record;
        var old = OldEvent(record, "20200101T000000Z-drops");
        var sub = Directory.CreateDirectory(Path.Combine(old, "s0")).FullName;
        File.WriteAllText(Path.Combine(sub, "precious"), "keep\n");
        Recorder(record, OneMiB).Save("drops", DateTimeOffset.UtcNow);
        File.ReadAllText(Path.Combine(sub, "precious")).ShouldBe("keep\n");
        File.Exists(Path.Combine(old, "fired.json")).ShouldBeFalse();
    }

    [Fact]
    public void Rotation_leaves_a_link_named_like_an_event_alone()
    {
        var record = Record;
        var victim = Victim();
        File.WriteAllBytes(Path.Combine(victim, "fired.json"), new byte[2 * OneMiB]);
        var link = Path.Combine(record, "00000000T000000Z-aaa");
        File.CreateSymbolicLink(link, victim);
        Recorder(record, OneMiB).Save("drops", DateTimeOffset.UtcNow);
        new FileInfo(link).LinkTarget.ShouldBe(victim);
        Directory.GetFiles(victim).Length.ShouldBe(6);
    }
}
