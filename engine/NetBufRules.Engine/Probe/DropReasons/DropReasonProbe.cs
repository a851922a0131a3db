namespace NetBufRules.Probe.DropReasons;

/// <summary>
/// The live drop_reasons source of one run: sample 0 starts a session (after removing stale instances), sample 1 ends it
/// and gives the table. Every reason it cannot run (not root, no tracefs, no event, the kernel refusing) is a failed
/// read with that reason, so the probe is skipped and every other probe still runs.
/// </summary>
internal sealed class DropReasonProbe(string? tracefsRoot = null, long maxEvents = DropReasonTally.DefaultMaxEvents)
{
    private readonly Lock _gate = new();
    private DropReasonSession? _session;
    private CancellationTokenRegistration _registration;

    /// <summary>Reads sample 0 (start) or 1 (end and count).</summary>
    public async Task<RawOutput> ReadAsync(int sample, CancellationToken cancellationToken)
    {
        if (sample > 0) return Finish();
        var now = DateTimeOffset.UtcNow;
        if (!Environment.IsPrivilegedProcess)
            return RawOutput.Failed(now, ReadFailure.PermissionDenied, "the kernel's drop reasons need root (tracefs is root-only)");
        string root;
        if (tracefsRoot is not null)
        {
            if (!Directory.Exists(Path.Combine(tracefsRoot, "instances")))
                return RawOutput.Failed(now, ReadFailure.NotFound, $"no tracefs at {tracefsRoot}");
            root = tracefsRoot;
        }
        else
        {
            var (found, failure) = await TraceFs.FindAsync(cancellationToken).ConfigureAwait(false);
            if (found is null) return RawOutput.Failed(now, ReadFailure.NotFound, failure!);
            root = found;
        }
        var removed = TraceFs.RemoveStale(root);
        var format = Path.Combine(root, "events", "skb", "kfree_skb", "format");
        if (!File.Exists(format))
            return RawOutput.Failed(now, ReadFailure.NotFound, "this kernel has no skb:kfree_skb tracepoint");
        if (!File.ReadAllText(format).Contains("reason", StringComparison.Ordinal))
            return RawOutput.Failed(now, ReadFailure.NotFound, "this kernel's skb:kfree_skb carries no drop reason (Linux 5.17 or later has it)");
        try
        {
            var session = DropReasonSession.Start(root, maxEvents);
            lock (_gate)
            {
                _session = session;
                _registration = session.EndOn(cancellationToken);
            }
            var stale = removed.Count == 0 ? "" : $"removed stale instances of killed runs: {string.Join(", ", removed)}";
            return new RawOutput(now, $"tracing skb:kfree_skb in {session.Instance}\n", stale);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // EBUSY, EPERM (lockdown) and the like: the kernel's own words, which say who holds it.
            return RawOutput.Failed(now, e is UnauthorizedAccessException ? ReadFailure.PermissionDenied : ReadFailure.Other,
                $"tracefs refused the drop-reason instance ({e.Message}); another tracer or a lockdown may hold it");
        }
    }

    private RawOutput Finish()
    {
        DropReasonSession? session;
        lock (_gate)
        {
            session = _session;
            _session = null;
        }
        if (session is null)
            return RawOutput.Failed(DateTimeOffset.UtcNow, ReadFailure.Other, "the drop-reason window was never started");
        _registration.Dispose();
        return session.Finish();
    }
}
