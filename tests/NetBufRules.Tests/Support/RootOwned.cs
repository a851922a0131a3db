namespace NetBufRules.Tests.Support;

/// <summary>
/// Where a test puts a probe folder that must be root's alone, as the probe PATH rules demand: /var/lib (root's, mode
/// 0755, and not a noexec mount as /run often is) when running as root, so the check holds wherever the checkout lives
/// (a clone under the world-writable /tmp fails it); beside the tests otherwise.
/// </summary>
internal static class RootOwned
{
    public static string Folder { get; } =
        Environment.IsPrivilegedProcess && Directory.Exists("/var/lib") ? "/var/lib" : AppContext.BaseDirectory;
}
