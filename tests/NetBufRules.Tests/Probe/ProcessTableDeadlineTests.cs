using System.Diagnostics;
using NetBufRules.Model;
using NetBufRules.Probe;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe;

/// <summary>
/// The process table obeys the probe's timeout and the run's cancellation (any user can make /proc slow to walk), and
/// counts a process's fds without listing them where the kernel gives the count.
/// </summary>
public sealed class ProcessTableDeadlineTests
{
    /// <summary>
    /// A /proc whose one process's limits file is a FIFO: reading it blocks in open() until a writer comes, so the
    /// read is past any deadline for certain (a timeout of zero raced the thread pool: on a loaded machine the walk of
    /// the real /proc finished before the timer fired). Dispose opens the FIFO for writing, freeing the blocked read.
    /// </summary>
    private sealed class BlockingProc : IDisposable
    {
        public BlockingProc()
        {
            Root = Directory.CreateTempSubdirectory("nbr-proc-").FullName;
            Directory.CreateDirectory(Path.Combine(Root, "4242", "fd"));
            File.WriteAllText(Path.Combine(Root, "4242", "comm"), "stuck\n");
            Limits = Path.Combine(Root, "4242", "limits");
            Process.Start("mkfifo", Limits).WaitForExit();
        }

        public string Root { get; }

        private string Limits { get; }

        public void Dispose()
        {
            using (new FileStream(Limits, FileMode.Open, FileAccess.Write)) { }
            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>Reads the process table from <c>root</c> instead of /proc, as the live reader does.</summary>
    private sealed class ProcReader(string root) : ISourceReader
    {
        public Task<RawOutput> ReadAsync(SourceSpec source, TimeSpan timeout, int sample, CancellationToken cancellationToken) =>
            LiveSourceReader.ReadProcessesAsync((ProcessesSource)source, timeout, cancellationToken, root);
    }

    [Fact]
    public async Task Past_its_deadline_the_process_table_is_a_timeout_and_never_a_partial_table()
    {
        using var proc = new BlockingProc();
        var raw = await LiveSourceReader.ReadProcessesAsync(new ProcessesSource(ProcessScope.All), TimeSpan.FromMilliseconds(300), CancellationToken.None, proc.Root);
        raw.Failure.ShouldBe(ReadFailure.Timeout);
        raw.Table.ShouldBeNull("a part of the table could leave out the culprit");
        raw.FailureMessage.ShouldNotBeNull().ShouldContain("reading /proc took longer than 0.3s");
    }

    [Fact]
    public async Task A_processes_probe_past_its_timeout_is_skipped_with_the_reason()
    {
        using var proc = new BlockingProc();
        var playbook = Playbooks.Parse(Playbooks.Minimal("""
              all:
                processes: { netns: all }
            """, "  - count(all) > 0"));
        playbook = playbook with { Probes = [.. playbook.Probes.Select(p => p with { Timeout = TimeSpan.FromMilliseconds(300) })] };
        using var runner = new ProbeRunner(new ProcReader(proc.Root), new ProbeRunOptions(TimeSpan.Zero));
        var result = (await runner.RunAsync([playbook])).For("sample")["all"];
        result.Status.ShouldBe(ProbeStatus.Skipped);
        result.SkipReason.ShouldNotBeNull().ShouldContain("took longer than 0.3s");
    }

    [Fact]
    public async Task A_cancelled_run_stops_reading_the_process_table()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => new LiveSourceReader().ReadAsync(new ProcessesSource(), TimeSpan.FromSeconds(30), 0, cancelled.Token));
    }

    [Fact]
    public async Task A_process_holding_a_thousand_files_is_counted_as_its_fd_folder_lists_them()
    {
        using var holder = Process.Start(new ProcessStartInfo("python3", ["-c", "import os,sys,time\nfs=[os.open('/dev/null', os.O_RDONLY) for _ in range(1000)]\nprint('ready', flush=True)\ntime.sleep(60)"])
        {
            RedirectStandardOutput = true,
        })!;
        try
        {
            (await holder.StandardOutput.ReadLineAsync()).ShouldBe("ready");
            var listed = Directory.GetFileSystemEntries($"/proc/{holder.Id}/fd").Length;
            listed.ShouldBeGreaterThan(1000);
            var raw = await new LiveSourceReader().ReadAsync(new ProcessesSource(), TimeSpan.FromSeconds(30), 0, CancellationToken.None);
            var row = raw.Table.ShouldNotBeNull().Rows.Single(r => (double)r["pid"] == holder.Id);
            ((double)row["fds"]).ShouldBe(listed);
        }
        finally
        {
            holder.Kill();
        }
    }

    [Fact]
    public void Fds_are_counted_from_the_folder_size_only_on_proc_and_by_listing_elsewhere()
    {
        // A plain folder's size (4096 on most file systems) is no fd count: its one entry is counted as one.
        var folder = Directory.CreateTempSubdirectory("nbr-rs-fd");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "0"), "");
            new FdCount(folder.FullName).Count(folder.FullName, CancellationToken.None).ShouldBe(1);
        }
        finally
        {
            folder.Delete(true);
        }
    }
}
