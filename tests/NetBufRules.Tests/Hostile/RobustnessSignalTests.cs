using System.Diagnostics;
using System.Runtime.InteropServices;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Hostile;

/// <summary>
/// Ctrl-C and SIGTERM sent to the real built tool while a probe runs: it stops within a second or two, exits 130 or 143
/// with one line and no stack trace, and leaves no probe process behind (as CliWrap's CancellationSpecs check).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RobustnessSignalTests
{
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private const int SigInt = 2, SigTerm = 15;

    /// <summary>The built CLI: copied beside the tests, else the Cli project's own output.</summary>
    private static string Tool()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "netbufrules.dll");
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "netbufrules.runtimeconfig.json"))) return beside;
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(Repo.Root, "engine", "NetBufRules.Cli", "bin", configuration, "net10.0", "netbufrules.dll");
    }

    [SkippableTheory]
    [InlineData(SigInt, 1, 130, "SIGINT (Ctrl-C)")]
    [InlineData(SigTerm, 1, 143, "SIGTERM")]
    [InlineData(SigInt, 2, 130, "SIGINT (Ctrl-C)")]
    public async Task A_signal_stops_a_running_probe_and_exits_with_its_code_and_one_line(int signal, int times, int expected, string name)
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists(Tool()) && File.Exists("/bin/sleep"), "needs Linux, sleep and the built tool");
        // A job started in the background of a non-interactive shell ignores SIGINT, and so do its children, as they should.
        Skip.If(Ignored(signal), $"signal {signal} is ignored by this test process (started in the background), so the tool would ignore it too");
        using var scratch = new RobustnessScratch();
        // A probe that blocks until killed: an 'nstat' (a form the grammar allows) that only sleeps, found through
        // NETBUFRULES_PROBE_PATH; that folder must be root's alone like any probe folder, so it lives beside the tests.
        var marker = $"3599.{Environment.ProcessId}{Random.Shared.Next(100000, 999999)}";
        var bin = Directory.CreateDirectory(Path.Combine(Support.RootOwned.Folder, $"nbr-signal-bin-{Environment.ProcessId}-{Random.Shared.Next()}"));
        File.SetUnixFileMode(bin.FullName, (UnixFileMode)0b111_101_101);
        try
        {
            var fake = Path.Combine(bin.FullName, "nstat");
            File.WriteAllText(fake, $"#!/bin/sh\nexec /bin/sleep {marker}\n");
            File.SetUnixFileMode(fake, (UnixFileMode)0b111_101_101);
            var playbook = scratch.Write("slow.yaml", RobustnessScratch.Playbook("slow", "    command: [nstat, -asz, --json]\n    timeout: 60s", "v > 0"));
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { Tool(), "run", playbook, "--interval", "0" }) start.ArgumentList.Add(a);
            start.Environment["NETBUFRULES_PROBE_PATH"] = bin.FullName;
            using var tool = Process.Start(start)!;
            var stdout = tool.StandardOutput.ReadToEndAsync();
            var stderr = tool.StandardError.ReadToEndAsync();
            await WaitForChild(marker, TimeSpan.FromSeconds(30));
            await Signal(tool, signal, times, expected, name, stdout, stderr, marker);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    private static async Task Signal(Process tool, int signal, int times, int expected, string name, Task<string> stdout, Task<string> stderr, string marker)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < times; i++)
        {
            // The second signal may find the tool already gone (it exits within tens of milliseconds): only the first must land.
            var sent = Kill(tool.Id, signal);
            if (i == 0) sent.ShouldBe(0);
            await Task.Delay(20);
        }
        var exited = tool.WaitForExit(TimeSpan.FromSeconds(10));
        watch.Stop();
        exited.ShouldBeTrue("the tool did not stop within 10 s");
        tool.ExitCode.ShouldBe(expected);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2.5));
        (await stderr).ShouldBe($"netbufrules: stopped by {name}; no verdict was given\n");
        (await stdout).ShouldBeEmpty();
        Children(marker).ShouldBeEmpty("a probe process outlived the tool");
    }

    /// <summary>Whether this test process ignores <paramref name="signal"/> (started in the background of a non-interactive shell), as the tool it starts then does.</summary>
    internal static bool Ignored(int signal)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        var mask = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
        return (mask & (1UL << (signal - 1))) != 0;
    }

    private static async Task WaitForChild(string marker, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (Children(marker).Count == 0)
        {
            if (watch.Elapsed > limit) throw new TimeoutException("the probe never started");
            await Task.Delay(50);
        }
    }

    /// <summary>Processes whose command line names <paramref name="marker"/> (only our own probe can).</summary>
    private static List<int> Children(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(marker, StringComparison.Ordinal) && !cmdline.Contains("netbufrules.dll", StringComparison.Ordinal)) found.Add(pid);
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }
        return found;
    }
}
