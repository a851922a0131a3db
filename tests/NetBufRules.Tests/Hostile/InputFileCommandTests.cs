using System.Diagnostics;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Hostile;

/// <summary>
/// Input files that are not real files, through the real commands: a kernel file named as a snapshot, values file,
/// playbook or a test's snapshot is refused at once, never read (it would block and consume the kernel log), and a
/// file that is no snapshot or a linked pack.yaml shows none of its bytes.
/// </summary>
public sealed class InputFileCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static async Task<(int ExitCode, string Out, string Error)> Timed(params string[] args)
    {
        var watch = Stopwatch.StartNew();
        var result = await CliRunner.Run(args).WaitAsync(Patience);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), string.Join(' ', args));
        return result;
    }

    [SkippableTheory]
    [InlineData("run", "--from")]
    [InlineData("run", "--values")]
    [InlineData("lint", null)]
    [InlineData("run", null)]
    public async Task A_kernel_file_named_on_the_command_line_is_refused_at_once_unread(string command, string? option)
    {
        Skip.IfNot(File.Exists("/proc/kmsg"), "no /proc/kmsg here");
        string[] args = option is null ? [command, "/proc/kmsg"] : [command, option, "/proc/kmsg", "--interval", "0"];
        var (code, output, error) = await Timed(args);
        code.ShouldBeOneOf(1, 2);
        (output + error).ShouldContain("'/proc/kmsg' is a kernel or device file");
    }

    [Theory]
    [InlineData("lint", "/proc")]
    [InlineData("test", "/sys/kernel")]
    public async Task A_kernel_folder_named_on_the_command_line_is_not_scanned(string command, string folder)
    {
        var (code, output, error) = await Timed(command, folder);
        code.ShouldBeOneOf(1, 2);
        (output + error).ShouldContain($"error NBR191: folder '{folder}' is under /proc, /sys or /dev; it is never scanned");
    }

    [SkippableFact]
    public async Task A_test_whose_snapshot_climbs_into_proc_kmsg_is_refused_at_its_place_without_hanging()
    {
        Skip.IfNot(File.Exists("/proc/kmsg"), "no /proc/kmsg here");
        using var scratch = new CfgScratch();
        scratch.Write("pack/rt-kmsg.yaml", RobustnessScratch.Playbook("rt-kmsg", "    sysctl: net.core.somaxconn", "v > 0"));
        var test = scratch.Write("pack/rt-kmsg.test.yaml", "tests:\n  - name: t\n    snapshot: " + string.Concat(Enumerable.Repeat("../", 16)) + "proc/kmsg\n    expect: { status: fired }\n");
        var (code, output, error) = await Timed("test", Path.Combine(scratch.Root, "pack"));
        code.ShouldBe(2);
        (output + error).ShouldContain($"{test}:3:15: error NBR191: snapshot '/proc/kmsg' is a kernel or device file");
    }

    [Fact]
    public async Task A_snapshot_that_is_not_json_is_reported_without_a_byte_of_it()
    {
        using var scratch = new CfgScratch();
        var secret = scratch.Write("shadow", "root:$y$j9T$SECRETHASH:20000:0:99999:7:::\n");
        scratch.Write("pack/rt-shadow.yaml", RobustnessScratch.Playbook("rt-shadow", "    sysctl: net.core.somaxconn", "v > 0"));
        scratch.Write("pack/rt-shadow.test.yaml", $"tests:\n  - name: t\n    snapshot: {secret}\n    expect: {{ status: fired }}\n");
        foreach (var args in new[] { new[] { "test", Path.Combine(scratch.Root, "pack") }, ["run", "--from", secret] })
        {
            var (code, output, error) = await Timed(args);
            code.ShouldNotBe(0);
            (output + error).ShouldContain("not a snapshot: not valid JSON at this place");
            (output + error).ShouldNotContain("'r'");
            (output + error).ShouldNotContain("SECRETHASH");
        }
    }

    [Fact]
    public async Task A_pack_manifest_linked_to_a_secret_is_refused_unread_by_every_command()
    {
        using var scratch = new CfgScratch();
        var secret = scratch.Write("shadow", "root:$y$j9T$SECRETHASH:20000:0:99999:7:::\n");
        scratch.Link("pack/pack.yaml", secret);
        var pack = Path.GetDirectoryName(scratch.Write("pack/pb/p.yaml", RobustnessScratch.Playbook("rt-pack-link", "    file: /proc/loadavg", "v > 0")))!;
        foreach (var args in new[] { new[] { "lint", pack, "--format", "github" }, ["run", pack, "--interval", "0"], ["test", pack], ["list", pack] })
        {
            var (code, output, error) = await Timed(args);
            code.ShouldNotBe(0, string.Join(' ', args));
            (output + error).ShouldContain("pack.yaml' is a symbolic link", customMessage: string.Join(' ', args));
            (output + error).ShouldNotContain("SECRETHASH");
        }
    }
}
