namespace NetBufRules.Probe;

/// <summary>The probed host: name, kernel, time, privileges and network namespace (in reports and snapshots).</summary>
internal sealed record HostInfo(string Hostname, string Kernel, DateTimeOffset Time, bool Root, string NetNamespace)
{
    /// <summary>This host, now.</summary>
    public static HostInfo Current()
    {
        string Read(string path, string fallback)
        {
            try { return File.ReadAllText(path).Trim(); }
            catch (IOException) { return fallback; }
            catch (UnauthorizedAccessException) { return fallback; }
        }
        string netns;
        try { netns = new FileInfo("/proc/self/ns/net").LinkTarget ?? "unknown"; }
        catch (IOException) { netns = "unknown"; }
        catch (UnauthorizedAccessException) { netns = "unknown"; }
        return new HostInfo(
            Read("/proc/sys/kernel/hostname", Environment.MachineName),
            Read("/proc/sys/kernel/osrelease", Environment.OSVersion.VersionString),
            DateTimeOffset.UtcNow,
            Environment.IsPrivilegedProcess,
            netns);
    }
}
