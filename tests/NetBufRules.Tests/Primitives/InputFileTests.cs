using System.Diagnostics;
using NetBufRules.Primitives;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Primitives;

/// <summary>The one check every input file passes: no kernel or device file, no FIFO, no link where links are not followed; real files, links and FIFOs.</summary>
public sealed class InputFileTests
{
    [SkippableTheory]
    [InlineData("/proc/kmsg")]
    [InlineData("/proc/self/status")]
    [InlineData("/sys/kernel/tracing/trace_pipe")]
    [InlineData("/sys/kernel/mm/transparent_hugepage/enabled")]
    [InlineData("/dev/null")]
    [InlineData("/dev/zero")]
    public void A_kernel_or_device_file_is_refused_before_it_is_opened(string path)
    {
        Skip.IfNot(File.Exists(path), $"{path} does not exist here");
        var refused = InputFile.Check(path).ShouldNotBeNull();
        refused.Untrusted.ShouldBeTrue();
        refused.Message.ShouldContain("kernel or device file");
    }

    [Fact]
    public void A_path_that_climbs_into_proc_with_dotdot_is_refused_by_where_it_ends()
    {
        using var scratch = new CfgScratch();
        var climbing = scratch.Root + string.Concat(Enumerable.Repeat("/..", 12)) + "/proc/kmsg";
        InputFile.Check(climbing).ShouldNotBeNull().Message.ShouldContain("resolves to /proc/kmsg");
    }

    [Fact]
    public void A_link_to_a_kernel_file_is_refused_by_its_target_and_reading_it_returns_at_once()
    {
        using var scratch = new CfgScratch();
        var link = scratch.Link("snap.json", "/proc/kmsg");
        var watch = Stopwatch.StartNew();
        var refused = Should.Throw<BoundedFileException>(() => BoundedFile.ReadText(link, 1024));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        refused.Untrusted.ShouldBeTrue();
        refused.Message.ShouldContain("resolves to /proc/kmsg");
    }

    [SkippableFact]
    public void A_fifo_is_refused_without_blocking()
    {
        using var scratch = new CfgScratch();
        var fifo = scratch.Fifo("pipe.yaml");
        Skip.If(fifo is null, "mkfifo is not available");
        var watch = Stopwatch.StartNew();
        var refused = Should.Throw<BoundedFileException>(() => BoundedFile.ReadText(fifo!, 1024));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        refused.Untrusted.ShouldBeFalse();
        refused.Message.ShouldContain("is not a regular file");
    }

    [Fact]
    public void A_link_is_refused_where_links_are_not_followed_and_read_where_they_are()
    {
        using var scratch = new CfgScratch();
        var target = scratch.Write("real.yaml", "name: a-pack\n");
        var link = scratch.Link("pack.yaml", target);
        var refused = Should.Throw<BoundedFileException>(() => BoundedFile.ReadText(link, 1024, followLinks: false));
        refused.Untrusted.ShouldBeTrue();
        refused.Message.ShouldContain("is a symbolic link");
        refused.Message.ShouldNotContain("a-pack");
        BoundedFile.ReadText(link, 1024).ShouldBe("name: a-pack\n");
    }

    [Fact]
    public void A_plain_file_is_read_and_a_missing_one_is_not_found()
    {
        using var scratch = new CfgScratch();
        var file = scratch.Write("playbook.yaml", "id: x\n");
        InputFile.Check(file).ShouldBeNull();
        BoundedFile.ReadText(file, 1024, followLinks: false).ShouldBe("id: x\n");
        Should.Throw<FileNotFoundException>(() => BoundedFile.ReadText(Path.Combine(scratch.Root, "missing.yaml"), 1024));
    }
}
