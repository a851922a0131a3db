using System.Diagnostics;
using NetBufRules.Model;
using NetBufRules.Policy;
using NetBufRules.Probe;

namespace NetBufRules.Tests.Policy;

/// <summary>Programs are found by name on the system PATH, and only run when root alone could have put them there.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProbePathTests : IDisposable
{
    private readonly List<string> _made = [];

    private static void RequireRoot() => Skip.IfNot(Environment.IsPrivilegedProcess, "needs root to make root-owned and foreign-owned files");

    /// <summary>A folder with a tiny 'nstat' script that prints <paramref name="marker"/>, below <paramref name="parent"/>.</summary>
    private string FakeTool(string parent, string marker, UnixFileMode fileMode = (UnixFileMode)0b111_101_101)
    {
        var dir = Path.Combine(parent, $"nbr-h1-bin-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        _made.Add(dir);
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        var tool = Path.Combine(dir, "nstat");
        File.WriteAllText(tool, $"#!/bin/sh\necho {marker}\n");
        File.SetUnixFileMode(tool, fileMode);
        return dir;
    }

    public void Dispose()
    {
        foreach (var dir in _made) Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_program_is_found_on_the_system_path()
    {
        var (file, problem) = ProbePath.Resolve("ss", ProbePath.System);
        problem.ShouldBeNull();
        file.ShouldNotBeNull().ShouldEndWith("/ss");
        ProbePath.System.ShouldBe("/usr/sbin:/usr/bin:/sbin:/bin");
    }

    [Theory]
    [InlineData("./bin/ss")]
    [InlineData("/abs/path/ss")]
    [InlineData("../../x/cat")]
    [InlineData("..")]
    public void A_path_is_never_run(string name) =>
        ProbePath.Resolve(name, ProbePath.System).Problem.ShouldNotBeNull().ShouldContain("is a path");

    [SkippableFact]
    public async Task The_invoking_user_can_narrow_the_probe_path_to_a_folder_only_root_can_write()
    {
        RequireRoot();
        var dir = FakeTool(Support.RootOwned.Folder, "narrowed");
        var raw = await new LiveSourceReader(path: dir).ReadAsync(new CommandSource(["nstat", "-asz"]), TimeSpan.FromSeconds(5), 0, CancellationToken.None);
        raw.Stdout.ShouldBe("narrowed\n");
    }

    [SkippableFact]
    public async Task A_program_in_a_world_writable_folder_is_refused()
    {
        RequireRoot();
        var dir = FakeTool(Path.GetTempPath(), "planted");
        var raw = await new LiveSourceReader(path: dir).ReadAsync(new CommandSource(["nstat", "-asz"]), TimeSpan.FromSeconds(5), 0, CancellationToken.None);
        raw.Succeeded.ShouldBeFalse();
        raw.Stdout.ShouldBeEmpty();
        raw.FailureMessage.ShouldNotBeNull().ShouldContain("sits in /tmp, which others than root can write");
    }

    [SkippableFact]
    public void A_group_writable_program_or_one_another_user_owns_is_refused()
    {
        RequireRoot();
        var groupWritable = FakeTool(Support.RootOwned.Folder, "x", (UnixFileMode)0b111_111_101);
        ProbePath.Resolve("nstat", groupWritable).Problem.ShouldNotBeNull().ShouldContain("is writable by others than root");
        var foreign = FakeTool(Support.RootOwned.Folder, "x");
        Process.Start("chown", ["65534", Path.Combine(foreign, "nstat")]).WaitForExit();
        ProbePath.Resolve("nstat", foreign).Problem.ShouldNotBeNull().ShouldContain("is not owned by root");
        Process.Start("chown", ["65534", foreign]).WaitForExit();
        File.SetUnixFileMode(Path.Combine(foreign, "nstat"), (UnixFileMode)0b111_101_101);
        Process.Start("chown", ["0", Path.Combine(foreign, "nstat")]).WaitForExit();
        ProbePath.Resolve("nstat", foreign).Problem.ShouldNotBeNull().ShouldContain("which is not owned by root");
    }

    [Fact]
    public void The_callers_path_is_not_the_probe_path()
    {
        // A PATH with a writable folder first (as a user's ~/bin or a pyenv shim) must not decide what runs as root.
        Environment.GetEnvironmentVariable(ProbePath.Variable).ShouldBeNull("the suite runs without a narrowed probe PATH");
        ProbePath.Current.ShouldBe(ProbePath.System);
    }
}
