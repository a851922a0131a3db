using System.Runtime.InteropServices;

namespace NetBufRules.Probe;

/// <summary>
/// How many files a process has open, counted without listing them where the kernel allows: since Linux 6.2 the size
/// of /proc/PID/fd (stat) is its number of open fds. Listing makes the kernel build a dentry and an inode for every fd,
/// and any user can open a million of them to stall whoever lists them.
/// </summary>
/// <param name="procRoot">Where the fd folders are: their sizes are believed only when it is a proc file system.</param>
internal sealed class FdCount(string procRoot = "/proc")
{
    private const long ProcSuperMagic = 0x9fa0;

    private const int AtFdCwd = -100;
    private const uint StatxSize = 0x200;

    // One buffer per reader of the table (struct statx is 256 bytes; stx_size, a u64, at 40 on every architecture).
    private readonly byte[] _statx = new byte[256];
    private bool _noStatx = !OnProc(procRoot);

    /// <summary>
    /// The number of entries of <paramref name="fdDir"/>: its size when the kernel gives one; otherwise (an older
    /// kernel, which gives 0, or no fds at all) by listing, checking <paramref name="cancellationToken"/> as it goes.
    /// </summary>
    public int Count(string fdDir, CancellationToken cancellationToken)
    {
        if (!_noStatx)
        {
            try
            {
                // Like listing, a process we may not look into is refused (EACCES), so root and not root see the same rows.
                if (statx(AtFdCwd, fdDir, 0, StatxSize, _statx) == 0)
                {
                    var size = BitConverter.ToInt64(_statx, 40);
                    if (size > 0 && size <= int.MaxValue && Accessible(fdDir)) return (int)size;
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                _noStatx = true;
            }
        }
        var count = 0;
        foreach (var _ in Directory.EnumerateFileSystemEntries(fdDir))
        {
            if ((++count & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
        }
        return count;
    }

    /// <summary>Whether <paramref name="path"/> is on procfs (statfs f_type, the first field on every architecture).</summary>
    private static bool OnProc(string path)
    {
        var buffer = new byte[256];
        try
        {
            return statfs(path, buffer) == 0 && BitConverter.ToInt64(buffer, 0) == ProcSuperMagic;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static bool Accessible(string fdDir) =>
        access(fdDir, 1 /* X_OK */) == 0 ? true : throw new UnauthorizedAccessException($"{fdDir}: permission denied");

    private const string Libc = "libc.so.6";
    [DllImport(Libc, SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport(Libc, SetLastError = true)]
    private static extern int statfs([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);

    [DllImport(Libc, SetLastError = true)]
    private static extern int access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
}
