using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NetBufRules.Evaluate;
using NetBufRules.Tests.Hostile;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Evaluate;

/// <summary>
/// A host value no double holds (a forged or corrupt 400-digit sysctl or counter in a snapshot) is that finding's error
/// and says so: the host's value is out of range. Before, the same snapshot blamed the pack: "file-descriptors.yaml:62:9:
/// ... Arithmetic operation resulted in an overflow", or "'oom_kill' is not a counter ... add 'counter: true'".
/// </summary>
public sealed class HostValueOutOfRangeTests
{
    private static readonly string Huge = new('9', 400);

    /// <summary>netns-healthy with the stdout of the sources whose key ends <paramref name="key"/> changed by <paramref name="change"/>.</summary>
    private static string Snapshot(string key, Func<string, string> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-healthy.json")))!;
        var changed = 0;
        foreach (var source in root["sources"]!.AsArray())
        {
            if (!source!["key"]!.GetValue<string>().EndsWith(key, StringComparison.Ordinal)) continue;
            foreach (var sample in source["samples"]!.AsArray())
            {
                sample!["stdout"] = change(sample["stdout"]!.GetValue<string>());
                changed++;
            }
        }
        changed.ShouldBeGreaterThan(0, key);
        return root.ToJsonString();
    }

    [Fact]
    public async Task A_400_digit_file_max_is_the_hosts_value_out_of_range_on_file_descriptors_not_the_packs_arithmetic()
    {
        using var scratch = new RobustnessScratch();
        var file = scratch.Write("huge.json", Snapshot("file:/proc/sys/fs/file-nr", _ => $"106\t0\t{Huge}\n"));

        var (code, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", file);

        var all = output + error;
        code.ShouldBe(0, all);
        all.ShouldContain("[ERROR]     file-descriptors:");
        all.ShouldContain("the host's value of 'file_nr.max' is out of range: 999999999999999999999999... (400 characters) is no number netbufrules can compute with; the host's output or the snapshot is at fault, not the playbook");
        all.ShouldNotContain("Arithmetic operation");
        all.ShouldNotContain("file-descriptors.yaml:");
        all.ShouldContain(", 1 error");
    }

    [Fact]
    public async Task A_400_digit_counter_is_out_of_range_not_a_probe_missing_counter_true()
    {
        using var scratch = new RobustnessScratch();
        var file = scratch.Write("huge.json", Snapshot("file:/proc/vmstat", s => Regex.Replace(s, @"^oom_kill \d+", $"oom_kill {Huge}", RegexOptions.Multiline)));

        var (_, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", file);

        var all = output + error;
        all.ShouldContain("[ERROR]     memory-pressure:");
        all.ShouldContain("the host's value of 'oom_kill' is out of range");
        all.ShouldNotContain("add 'counter: true'");
    }

    [Theory]
    [InlineData("9999999999999999", false)]
    [InlineData("-1.5", false)]
    [InlineData("1e999", false)]
    [InlineData("eth0-1234567890123456", false)]
    [InlineData(null, false)]
    public void Only_the_text_of_a_plain_number_too_large_for_a_double_is_out_of_range(string? text, bool expected) =>
        HostValueRange.IsOutOfRange(text).ShouldBe(expected);

    [Fact]
    public void A_400_digit_number_with_a_sign_or_decimals_is_out_of_range()
    {
        HostValueRange.IsOutOfRange(Huge).ShouldBeTrue();
        HostValueRange.IsOutOfRange("-" + Huge).ShouldBeTrue();
        HostValueRange.IsOutOfRange(Huge + ".5").ShouldBeTrue();
        HostValueRange.IsOutOfRange(Huge + "x").ShouldBeFalse("text that is not a number stays text");
    }
}
