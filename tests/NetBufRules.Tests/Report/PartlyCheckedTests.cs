using System.Text.Json;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Report;

/// <summary>
/// A symptom that found no culprit among the processes it could read, when others could not be read (a run without
/// root), is not checked, not healthy: its ok sentence is not said, and the ok line marks the cause partly checked.
/// </summary>
public sealed class PartlyCheckedTests
{
    private static async Task<(string Text, JsonElement FileDescriptors)> Replay(string snapshot)
    {
        var path = Path.Combine(Repo.Snapshots, snapshot);
        var (_, text, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", path);
        var (_, json, _) = await CliRunner.Run("run", Repo.Playbooks, "--from", path, "--format", "json");
        var result = JsonDocument.Parse(json).RootElement.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "file-descriptors");
        return (text, result.Clone());
    }

    [Fact]
    public async Task Recorded_without_root_the_processes_not_read_leave_the_limit_unchecked()
    {
        var (text, result) = await Replay("host-user.json");
        result.GetProperty("status").GetString().ShouldBe("ok");
        var reason = result.GetProperty("reason").GetString()!;
        reason.ShouldNotContain("no process has");
        reason.ShouldContain("not checked: 63 processes not readable (their open files need root to list)");
        text.ShouldContain("file-descriptors (partly checked)");
    }

    [Fact]
    public async Task Recorded_as_root_every_process_was_read_and_the_limit_is_checked()
    {
        var (text, result) = await Replay("host-root.json");
        result.GetProperty("status").GetString().ShouldBe("ok");
        result.GetProperty("reason").GetString()!.ShouldContain("no process has 95% or more of its open-files limit open");
        text.ShouldNotContain("partly checked");
    }
}
