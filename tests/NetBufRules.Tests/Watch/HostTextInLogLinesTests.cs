using NetBufRules.Evaluate;
using NetBufRules.Fix;
using NetBufRules.Render;
using NetBufRules.Watch;

namespace NetBufRules.Tests.Watch;

/// <summary>
/// The lines watch and fix --apply print one by one (a terminal, or the journal under the shipped unit) carry host text:
/// a process name any user sets ("ESC[2J ESC[31m x NEWLINE FAKE", 15 bytes), which must neither recolour the terminal
/// nor forge a line of its own.
/// </summary>
public sealed class HostTextInLogLinesTests
{
    private const string Hostile = "\u001b[2J\u001b[31mx\nFAKE";

    [Fact]
    public void A_fired_line_of_watch_escapes_the_reasons_control_characters_and_stays_one_line()
    {
        var line = WatchText.Line(new WatchTransition(DateTimeOffset.UnixEpoch, "file-descriptors", TransitionKind.Fired,
            $"pid 8107 ({Hostile}) has 17 of 16", null, null, null));

        line.ShouldEndWith(@"file-descriptors fired: pid 8107 (\x1b[2J\x1b[31mx\nFAKE) has 17 of 16");
        line.ShouldNotContain('\u001b');
        line.ShouldNotContain('\n');
    }

    [Fact]
    public void A_cleared_line_and_the_summary_escape_what_they_show()
    {
        var cleared = WatchText.Line(new WatchTransition(DateTimeOffset.UnixEpoch, "nic-drops", TransitionKind.Cleared, "", TimeSpan.FromSeconds(3), $"9 {Hostile}", null));
        var summary = WatchText.Summary([new CauseSummary("nic-drops", DateTimeOffset.UnixEpoch, 1, TimeSpan.FromSeconds(3), $"9 {Hostile}", 2, 3, false)], 3);

        cleared.ShouldEndWith(@"nic-drops cleared after 3 s (peak 9 \x1b[2J\x1b[31mx\nFAKE)");
        summary.ShouldContain(@"peak 9 \x1b[2J\x1b[31mx\nFAKE, seen in 2 of 3 windows");
        summary.ShouldNotContain('\u001b');
        summary.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2);
    }

    [Fact]
    public async Task Every_line_fix_apply_logs_is_one_line_with_host_text_escaped()
    {
        var root = Directory.CreateTempSubdirectory("nbr-fixlog-");
        try
        {
            var target = Path.Combine(root.FullName, "etc", "sysctl.d", "90-x.conf");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, "net.core.somaxconn = 4096\n");
            var step = new FixStep($"id {Hostile}", FindingStatus.Fired, new RenderedFix("/etc/sysctl.d/90-x.conf", "net.core.somaxconn = 4096\n", []), target, "net.core.somaxconn = 4096\n");
            var lines = new List<string>();

            await new FixApplier(new FixApplyOptions(root.FullName, Path.Combine(root.FullName, "backups"), lines.Add)).ApplyAsync([step], null, CancellationToken.None);

            lines.ShouldHaveSingleItem().ShouldBe($@"id \x1b[2J\x1b[31mx\nFAKE: {target} already has this content");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
