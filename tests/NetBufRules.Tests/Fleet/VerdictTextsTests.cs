using NetBufRules.Fleet;

namespace NetBufRules.Tests.Fleet;

/// <summary>A fleet's reasons wait in a private temporary file, not in memory; each must read back exactly as said.</summary>
public sealed class VerdictTextsTests
{
    [Fact]
    public void Every_text_reads_back_as_it_was_given_and_a_repeated_one_is_stored_once()
    {
        using var texts = new VerdictTexts();
        string[] said =
        [
            "", "short", new string('a', 33), "the kernel log shows OOM kills: pid 3068 (python3, 1835 s ago) — ünïcödé \u202e and a control \u0001",
            string.Join("; ", Enumerable.Range(0, 500).Select(i => $"pid {i} (worker-{i})")),
        ];
        var stored = said.Select(texts.Add).ToList();
        stored.Select(s => s.Value).ShouldBe(said);
        var again = texts.Add(new string(said[3].AsSpan()));
        again.ShouldBe(stored[3]); // the same place in the file: stored once
        texts.Share(new string("kernel 6.1".AsSpan())).ShouldBeSameAs(texts.Share(new string("kernel 6.1".AsSpan())));
    }

    [Fact]
    public void The_file_is_private_and_gone_when_the_replay_ends()
    {
        if (OperatingSystem.IsWindows()) return;
        string file;
        using (var texts = new VerdictTexts())
        {
            texts.Add(new string('r', 100)).Value.ShouldBe(new string('r', 100));
            file = texts.FilePath!;
            File.Exists(file).ShouldBeTrue();
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Exists(file).ShouldBeFalse();
    }

    [Fact]
    public void Without_a_writable_temporary_folder_the_reasons_stay_in_memory()
    {
        using var texts = new VerdictTexts(Path.Combine(Path.GetTempPath(), $"nbr-no-such-{Guid.NewGuid():N}"));
        texts.Spills.ShouldBeFalse();
        texts.Add(new string('r', 100)).Value.ShouldBe(new string('r', 100));
    }
}
