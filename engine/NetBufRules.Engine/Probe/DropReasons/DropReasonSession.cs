using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NetBufRules.Probe.DropReasons;

/// <summary>
/// One private tracefs instance with skb:kfree_skb enabled and a thread reading its trace_pipe. Ending it (the end of
/// the window, cancellation, process exit or an unhandled exception, whichever comes first) disables the event and
/// removes the instance; a run killed outright leaves the instance for the next run's <see cref="TraceFs.RemoveStale"/>.
/// </summary>
internal sealed class DropReasonSession
{
    private static readonly ConcurrentDictionary<DropReasonSession, byte> Live = new();
    private static int _sequence;

    private readonly string _instance;
    private readonly string _enable;
    private readonly string _marker = $"netbufrules-end-{Guid.NewGuid():N}";
    private readonly DropReasonTally _tally;
    private readonly Stopwatch _clock = new();
    private readonly Thread _reader;
    private readonly FileStream _pipe;
    private readonly Lock _gate = new();
    private double _countedSeconds = -1;
    private long _overruns;
    private string? _readError;
    private bool _ended;

    static DropReasonSession()
    {
        // Ctrl-C cancels the run's token (handled per session); these cover an exit or a crash on the way.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => EndAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => EndAll();
    }

    private DropReasonSession(string instance, FileStream pipe, DropReasonTally tally)
    {
        _instance = instance;
        _enable = Path.Combine(instance, "events", "skb", "kfree_skb", "enable");
        _pipe = pipe;
        _tally = tally;
        _reader = new Thread(ReadPipe) { IsBackground = true, Name = "drop reasons" };
    }

    /// <summary>The instance folder, e.g. /sys/kernel/tracing/instances/netbufrules-1234-1.</summary>
    public string Instance => _instance;

    /// <summary>Creates the instance, starts reading and enables the event; throws IOException or UnauthorizedAccessException with the kernel's answer.</summary>
    public static DropReasonSession Start(string root, long maxEvents)
    {
        var name = $"{TraceFs.InstancePrefix}{Environment.ProcessId}-{Interlocked.Increment(ref _sequence)}";
        var instance = Path.Combine(root, "instances", name);
        Directory.CreateDirectory(instance);
        DropReasonSession? session = null;
        try
        {
            // Open the pipe before enabling, so no event of the window is missed.
            var pipe = new FileStream(Path.Combine(instance, "trace_pipe"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0);
            session = new DropReasonSession(instance, pipe, new DropReasonTally(maxEvents));
            Live[session] = 0;
            session._reader.Start();
            File.WriteAllText(session._enable, "1");
            session._clock.Start();
            return session;
        }
        catch
        {
            if (session is not null) session.End();
            else TryRemove(instance);
            throw;
        }
    }

    /// <summary>Ties the session to a cancellation: Ctrl-C mid-window ends it at once.</summary>
    public CancellationTokenRegistration EndOn(CancellationToken cancellationToken) => cancellationToken.Register(() => End());

    /// <summary>Ends the window and gives the table (stdout) and notes (stderr). Safe to call more than once.</summary>
    public RawOutput Finish()
    {
        var seconds = End();
        var counted = _countedSeconds >= 0 ? _countedSeconds : seconds;
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"skb:kfree_skb is host-wide: {_tally.Events} drops over {counted:0.00} s in every network namespace, not only this one"),
        };
        if (_tally.Full)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"stopped after {_tally.Events} events at {counted:0.00} s of {seconds:0.00} s (the cap); rates are over the counted part"));
        var overrun = _overruns;
        if (overrun > 0) notes.Add($"{overrun} events were lost to the trace buffer overrunning; counts are lower bounds");
        if (_readError is not null) notes.Add($"reading trace_pipe stopped early: {_readError}");
        if (Directory.Exists(_instance)) notes.Add($"could not remove {_instance}; the next run removes it");
        return new RawOutput(DateTimeOffset.UtcNow, _tally.Format(counted), string.Join('\n', notes), Truncated: _tally.Full || overrun > 0);
    }

    /// <summary>Disables the event, stops the reader and removes the instance; returns the window's length in seconds.</summary>
    public double End()
    {
        lock (_gate)
        {
            if (_ended) return _clock.Elapsed.TotalSeconds;
            _ended = true;
            TryWrite(_enable, "0");
            _clock.Stop();
            // The marker wakes the blocked read and says every event before it has been read.
            for (var i = 0; i < 3 && _reader.IsAlive; i++)
            {
                TryWrite(Path.Combine(_instance, "trace_marker"), _marker);
                _reader.Join(TimeSpan.FromSeconds(1));
            }
            if (!_reader.IsAlive) _pipe.Dispose();
            _overruns = ReadOverruns();
            TryRemove(_instance);
            Live.TryRemove(this, out _);
            return _clock.Elapsed.TotalSeconds;
        }
    }

    private long ReadOverruns()
    {
        long total = 0;
        try
        {
            foreach (var stats in Directory.GetDirectories(Path.Combine(_instance, "per_cpu")).Select(d => Path.Combine(d, "stats")))
            {
                foreach (var line in File.ReadLines(stats))
                {
                    if (line.StartsWith("overrun:", StringComparison.Ordinal)
                        && long.TryParse(line.AsSpan("overrun:".Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                        total += n;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return total;
    }

    private void ReadPipe()
    {
        var bytes = new byte[64 * 1024];
        var chars = new char[256 * 1024];
        var decoder = Encoding.UTF8.GetDecoder();
        var length = 0;
        try
        {
            while (true)
            {
                var read = _pipe.Read(bytes, 0, bytes.Length);
                if (read == 0) return;
                if (chars.Length - length < read) length = 0; // a line longer than the buffer is no event line
                length += decoder.GetChars(bytes, 0, read, chars, length, flush: false);
                var span = chars.AsSpan(0, length);
                int newline;
                while ((newline = span.IndexOf('\n')) >= 0)
                {
                    var line = span[..newline];
                    if (line.Contains(_marker, StringComparison.Ordinal)) return;
                    if (!_tally.Full && _tally.Add(line) && _tally.Full)
                    {
                        // The cap: stop the kernel's work now, then read on only to find the marker.
                        _countedSeconds = _clock.Elapsed.TotalSeconds;
                        TryWrite(_enable, "0");
                    }
                    span = span[(newline + 1)..];
                }
                span.CopyTo(chars);
                length = span.Length;
            }
        }
        catch (IOException e)
        {
            _readError = e.Message;
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static void TryWrite(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryRemove(string instance)
    {
        for (var i = 0; i < 20 && Directory.Exists(instance); i++)
        {
            try
            {
                Directory.Delete(instance);
            }
            catch (IOException)
            {
                Thread.Sleep(50);
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    private static void EndAll()
    {
        foreach (var session in Live.Keys) session.End();
    }
}
