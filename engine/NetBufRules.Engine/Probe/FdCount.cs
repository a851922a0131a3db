using System.Runtime.InteropServices;
using NetBufRules.Primitives;

namespace NetBufRules.Probe;

/// <summary>
/// How many files a process has open, counted without listing them where the kernel allows: since Linux 6.2 the size
/// of /proc/PID/fd (stat) is its number of open fds. Listing makes the kernel build a dentry and an inode for every fd,
/// and any user can open a million of them to stall whoever lists them.
/// </summary>
/// <param name="procRoot">Where the fd folders are: their sizes are believed only when it is a proc file system.</param>
internal sealed class FdCount(string procRoot = "/proc")
{
    private readonly bool _sizes = NativeFile.FilesystemType(procRoot) == NativeFile.ProcFilesystem;

    /// <summary>
    /// The number of entries of <paramref name="fdDir"/>: its size when the kernel gives one; otherwise (an older
    /// kernel, which gives 0, or no fds at all) by listing, checking <paramref name="cancellationToken"/> as it goes.
    /// </summary>
    public int Count(string fdDir, CancellationToken cancellationToken)
    {
        // Like listing, a process we may not look into is refused (EACCES), so root and not root see the same rows.
        if (_sizes && NativeFile.Size(fdDir) is > 0 and <= int.MaxValue and var size && Accessible(fdDir)) return (int)size;
        var count = 0;
        foreach (var _ in Directory.EnumerateFileSystemEntries(fdDir))
        {
            if ((++count & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
        }
        return count;
    }

    private static bool Accessible(string fdDir) =>
        access(fdDir, 1 /* X_OK */) == 0 ? true : throw new UnauthorizedAccessException($"{fdDir}: permission denied");

    // DllImport as in NativeFile (no generated stubs); glibc's soname so the JIT and NativeAOT resolve it alike.
    [DllImport("libc.so.6", SetLastError = true)]
    private static extern int access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
}
