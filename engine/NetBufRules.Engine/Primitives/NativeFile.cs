using System.Runtime.InteropServices;

namespace NetBufRules.Primitives;

/// <summary>The two facts .NET does not give about a file: its owner (statx) and its fully resolved path (realpath).</summary>
internal static class NativeFile
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>Owner, group and mode of <paramref name="path"/> (the link itself when <paramref name="follow"/> is false), or null.</summary>
    public static (uint Uid, uint Gid, uint Mode)? Stat(string path, bool follow = true)
    {
        // struct statx is the same on every architecture: uid at 20, gid at 24, mode (u16) at 28.
        var buffer = new byte[256];
        try
        {
            if (statx(AtFdCwd, path, follow ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: nothing can be checked, so nothing passes the checks (fail closed).
            return null;
        }
        return (BitConverter.ToUInt32(buffer, 20), BitConverter.ToUInt32(buffer, 24), BitConverter.ToUInt16(buffer, 28));
    }

    /// <summary>Owner, group and mode of the open file <paramref name="handle"/>, or null.</summary>
    public static (uint Uid, uint Gid, uint Mode)? Stat(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        var buffer = new byte[256];
        try
        {
            if (statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxBasicStats, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return (BitConverter.ToUInt32(buffer, 20), BitConverter.ToUInt32(buffer, 24), BitConverter.ToUInt16(buffer, 28));
    }

    /// <summary>The effective uid of this process (whose files it may trust besides root's), or null when it cannot be asked.</summary>
    public static uint? EffectiveUid()
    {
        try
        {
            return geteuid();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The path with every symlink, '.' and '..' resolved, or null when it does not exist.</summary>
    public static string? RealPath(string path) => RealPath(path, out _);

    /// <summary>The resolved path, or null with the errno (13 when a folder on the way is not readable).</summary>
    public static string? RealPath(string path, out int error)
    {
        IntPtr result;
        try
        {
            result = realpath(path, IntPtr.Zero);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            error = 38; // ENOSYS
            return null;
        }
        error = result == IntPtr.Zero ? Marshal.GetLastPInvokeError() : 0;
        if (result == IntPtr.Zero) return null;
        try
        {
            return Marshal.PtrToStringUTF8(result);
        }
        finally
        {
            free(result);
        }
    }

    /// <summary>S_IFMT bits of a mode.</summary>
    public const uint TypeMask = 0xF000;

    /// <summary>S_IFREG.</summary>
    public const uint Regular = 0x8000;

    /// <summary>S_IFDIR.</summary>
    public const uint Directory = 0x4000;

    /// <summary>S_IFLNK.</summary>
    public const uint SymbolicLink = 0xA000;

    /// <summary>S_ISVTX, the sticky bit: in such a folder only a file's owner may rename or remove it.</summary>
    public const uint Sticky = 0x200;

    // DllImport rather than LibraryImport: the generated stubs need unsafe code, which the engine does not enable.
    // glibc's soname, so the JIT and the NativeAOT build resolve it alike (only the JIT maps a bare "libc").
    private const string Libc = "libc.so.6";
    [DllImport(Libc, SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport(Libc, SetLastError = true)]
    private static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport(Libc)]
    private static extern void free(IntPtr pointer);

    [DllImport(Libc)]
    private static extern uint geteuid();
}
