using System.Globalization;
using CliWrap;

namespace NetBufRules.Probe.DropReasons;

/// <summary>
/// Finds (or mounts) tracefs and removes instances left by runs that were killed. Instances are named
/// <c>netbufrules-PID-N</c> so a later run can tell its own stale ones from other tools' and from live runs.
/// </summary>
internal static class TraceFs
{
    /// <summary>The prefix of every instance this tool creates.</summary>
    public const string InstancePrefix = "netbufrules-";

    /// <summary>Where tracefs is normally mounted, and where this tool mounts it when it is not.</summary>
    public const string DefaultRoot = "/sys/kernel/tracing";

    private static readonly string[] MountPrograms = ["/usr/bin/mount", "/bin/mount", "/usr/sbin/mount", "/sbin/mount"];

    private static readonly string[] KnownRoots = [DefaultRoot, "/sys/kernel/debug/tracing"];

    /// <summary>A mounted tracefs root, mounting it at /sys/kernel/tracing when none is; null with the reason otherwise.</summary>
    public static async Task<(string? Root, string? Failure)> FindAsync(CancellationToken cancellationToken)
    {
        foreach (var root in KnownRoots)
        {
            if (Directory.Exists(Path.Combine(root, "instances"))) return (root, null);
        }
        if (!Directory.Exists(DefaultRoot))
            return (null, $"tracefs is not available ({DefaultRoot} does not exist: a kernel without CONFIG_TRACING?)");
        var mount = MountPrograms.FirstOrDefault(File.Exists);
        if (mount is null) return (null, $"tracefs is not mounted and there is no mount program to mount it at {DefaultRoot}");
        var stderr = new System.Text.StringBuilder();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            var result = await Cli.Wrap(mount).WithArguments(["-t", "tracefs", "nodev", DefaultRoot])
                .WithEnvironmentVariables(e => e.Set("LC_ALL", "C"))
                .WithValidation(CommandResultValidation.None)
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
                .ExecuteAsync(timeout.Token).ConfigureAwait(false);
            if (result.ExitCode != 0 || !Directory.Exists(Path.Combine(DefaultRoot, "instances")))
                return (null, $"tracefs is not mounted and mounting it at {DefaultRoot} failed: {stderr.ToString().Trim()}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"tracefs is not mounted and mounting it at {DefaultRoot} did not finish in 5 s");
        }
        return (DefaultRoot, null);
    }

    /// <summary>Removes this tool's instances whose process is gone (a run killed mid-window); returns the names removed.</summary>
    public static IReadOnlyList<string> RemoveStale(string root)
    {
        var removed = new List<string>();
        string[] instances;
        try
        {
            instances = Directory.GetDirectories(Path.Combine(root, "instances"), InstancePrefix + "*");
        }
        catch (IOException)
        {
            return removed;
        }
        foreach (var dir in instances)
        {
            var name = Path.GetFileName(dir);
            var parts = name[InstancePrefix.Length..].Split('-');
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Directory.Exists($"/proc/{pid}")) continue;
            try
            {
                // rmdir of an instance disables its events; it fails (EBUSY) while anyone still reads it, which keeps it.
                Directory.Delete(dir);
                removed.Add(name);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return removed;
    }
}
