using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Probe;
using NetBufRules.Probe.Recording;

namespace NetBufRules.Fleet;

/// <summary>
/// Replays a folder of snapshots, one per host, as a stream: each snapshot is read, evaluated, reduced to its
/// <see cref="HostVerdict"/> and dropped, on every core at once, so memory does not grow with the number of hosts.
/// </summary>
internal static class FleetReplay
{
    /// <summary>
    /// The verdict of every file, in file order; a file that is not a valid snapshot gives its error instead. The
    /// verdicts' reasons are in <paramref name="texts"/>, which must stay open while they are read. Hosts share what
    /// they have in common unless <paramref name="remember"/> is false (only to hold the shared path to the plain one):
    /// outputs written byte for byte alike are decoded once, and a playbook a host asks nothing new of is not
    /// evaluated again (<paramref name="memo"/>, given when a caller reads its counts).
    /// </summary>
    public static IReadOnlyList<(HostVerdict? Verdict, string? Error)> Run(
        IReadOnlyList<string> files, IReadOnlyList<Playbook> playbooks, ParamOverrides overrides, int parallelism, VerdictTexts texts, CancellationToken cancellationToken,
        bool remember = true, VerdictMemo? memo = null)
    {
        var results = new (HostVerdict?, string?)[files.Count];
        // One of each for the whole fleet: hosts print much the same outputs. Each is decoded once (SnapshotStrings)
        // and extracted once (the extraction memo); a playbook whose every answer a host shares with an earlier host
        // is not run again (VerdictMemo).
        var options = new ProbeRunOptions(TimeSpan.Zero) { Memo = new Probe.Extract.ExtractionMemo(), EachRows = new Evaluate.WhereRows(overrides) };
        var strings = remember ? new SnapshotStrings() : null;
        memo ??= remember ? new VerdictMemo() : null;
        var fleetHost = new FleetHost(playbooks, overrides, options, memo);
        var governor = new Governor();
        var next = -1;
        // Plain threads, each taking the next file: replaying a recording never waits, so the work stays on these
        // threads (no thread-pool hops, no async file reads) and each file's buffer is reused for the next.
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(parallelism, files.Count))).Select(_ => new Thread(() =>
        {
            var buffer = Array.Empty<byte>();
            int i;
            while ((i = Interlocked.Increment(ref next)) < files.Count && !cancellationToken.IsCancellationRequested)
            {
                var file = files[i];
                try
                {
                    var length = Read(file, ref buffer);
                    var snapshot = SnapshotJson.Read(file, buffer.AsMemory(0, length), strings);
                    // Replays take their times from the recording: the same snapshot always gives the same answer.
                    results[i] = (fleetHost.Replay(Path.GetFileNameWithoutExtension(file), snapshot, texts, cancellationToken), null);
                    governor.Check();
                }
                catch (SnapshotException e)
                {
                    results[i] = (null, e.Message);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    results[i] = (null, $"{file}: cannot read it: {e.Message}");
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C or SIGTERM: this worker stops; the replay reports the cancellation once all have.
                    break;
                }
                catch (Exception e)
                {
                    // One snapshot's surprise is that snapshot's error, never a lost fleet (an unhandled exception on a
                    // worker thread would end the process with a stack trace).
                    results[i] = (null, $"{file}: internal error while reading or replaying it: {e.GetType().Name}: {e.Message} (a bug in netbufrules; please report it)");
                }
            }
        }, 4 * 1024 * 1024)
        { IsBackground = true }).ToList();
        foreach (var w in workers) w.Start();
        foreach (var w in workers) w.Join();
        cancellationToken.ThrowIfCancellationRequested();
        return results;
    }

    /// <summary>Reads a whole file into <paramref name="buffer"/> (grown when too small) and returns its length.</summary>
    private static int Read(string file, ref byte[] buffer)
    {
        using var handle = Open(file);
        var length = RandomAccess.GetLength(handle);
        if (length > Primitives.Limits.SnapshotBytes) throw new SnapshotException($"{file}:1:1: snapshot is larger than {Primitives.Limits.SnapshotBytes / (1024 * 1024)} MiB");
        if (buffer.Length < length) buffer = new byte[Math.Max(length, buffer.Length * 2)];
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)length - read), read);
            if (n == 0) break;
            read += n;
        }
        return read;
    }

    /// <summary>The same rules as any snapshot: a regular file, never a kernel or device file or a FIFO (see <see cref="Primitives.InputFile"/>).</summary>
    private static Microsoft.Win32.SafeHandles.SafeFileHandle Open(string file)
    {
        try
        {
            return Primitives.InputFile.Open(file);
        }
        catch (Primitives.BoundedFileException e)
        {
            throw new SnapshotException($"{file}:1:1: snapshot {e.Message}");
        }
    }
}
