namespace NetBufRules.Fix;

/// <summary>
/// This run's network namespace and the host's, as <c>net:[inode]</c> links: the host is what kthreadd (PID 2) sees,
/// since PID 1's may be unreadable. Either is null when it cannot be read; each caller says what that means to it.
/// </summary>
internal static class NetworkNamespaces
{
    public static (string? Own, string? Host) Of(string procRoot) =>
        (LinkOf(Path.Join(procRoot, "self/ns/net")), LinkOf(Path.Join(procRoot, "2/ns/net")));

    private static string? LinkOf(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
