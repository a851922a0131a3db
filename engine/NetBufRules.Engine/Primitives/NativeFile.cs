using System.Runtime.InteropServices;

namespace NetBufRules.Primitives;

/// <summary>
/// The facts .NET does not give about a file: its owner, mode and size (statx), the file system it is on (statfs) and
/// its fully resolved path (realpath). The one place these calls and their struct layouts are declared.
/// </summary>
internal static class NativeFile
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>Owner, group and mode of <paramref name="path"/> (the link itself when <paramref name="follow"/> is false), or null.</summary>
    public static (uint Uid, uint Gid, uint Mode)? Stat(string path, bool follow = true) =>
        Statx(AtFdCwd, path, follow ? 0 : AtSymlinkNoFollow) is { } st ? (st.Uid, st.Gid, st.Mode) : null;

    /// <summary>Owner, group and mode of the open file <paramref name="handle"/>, or null.</summary>
    public static (uint Uid, uint Gid, uint Mode)? Stat(Microsoft.Win32.SafeHandles.SafeFileHandle handle) =>
        Statx((int)handle.DangerousGetHandle(), "", AtEmptyPath) is { } st ? (st.Uid, st.Gid, st.Mode) : null;

    /// <summary>The size statx gives for <paramref name="path"/> (links followed), or null when it cannot be asked or is refused.</summary>
    public static long? Size(string path) => Statx(AtFdCwd, path, 0)?.Size;

    /// <summary>
    /// Owner, mode and size of <paramref name="name"/> in the open folder <paramref name="folder"/> (a link itself, never
    /// its target), or of the folder itself when <paramref name="name"/> is empty; null when it is not there.
    /// </summary>
    public static (uint Uid, uint Mode, long Size)? StatAt(Microsoft.Win32.SafeHandles.SafeFileHandle folder, string name) =>
        Statx((int)folder.DangerousGetHandle(), name, name.Length == 0 ? AtEmptyPath : AtSymlinkNoFollow) is { } st ? (st.Uid, st.Mode, st.Size) : null;

    private static (uint Uid, uint Gid, uint Mode, long Size)? Statx(int dirfd, string path, int flags) =>
        // struct statx is the same on every architecture: uid at 20, gid at 24, mode (u16) at 28, size (u64) at 40.
        StatxBuffer(dirfd, path, flags) is { } buffer
            ? (BitConverter.ToUInt32(buffer, 20), BitConverter.ToUInt32(buffer, 24), BitConverter.ToUInt16(buffer, 28), (long)BitConverter.ToUInt64(buffer, 40))
            : null;

    /// <summary>Which file <paramref name="path"/> is (links followed): its inode and device, or null. Two paths with one identity are one file.</summary>
    public static (ulong Inode, uint Major, uint Minor)? Identity(string path) =>
        // inode (u64) at 32, the device's major and minor (u32) at 136 and 140.
        StatxBuffer(AtFdCwd, path, 0) is { } buffer
            ? (BitConverter.ToUInt64(buffer, 32), BitConverter.ToUInt32(buffer, 136), BitConverter.ToUInt32(buffer, 140))
            : null;

    private static byte[]? StatxBuffer(int dirfd, string path, int flags)
    {
        var buffer = new byte[256];
        try
        {
            return statx(dirfd, path, flags, StatxBasicStats, buffer) == 0 ? buffer : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: nothing can be checked, so nothing passes the checks (fail closed).
            return null;
        }
    }

    /// <summary>The statfs f_type of the file system <paramref name="path"/> is on, or null.</summary>
    public static long? FilesystemType(string path) => FilesystemType(buffer => statfs(path, buffer));

    /// <summary>The statfs f_type of the file system the open file <paramref name="handle"/> is on, or null.</summary>
    public static long? FilesystemType(Microsoft.Win32.SafeHandles.SafeFileHandle handle) => FilesystemType(buffer => fstatfs((int)handle.DangerousGetHandle(), buffer));

    private static long? FilesystemType(Func<byte[], int> call)
    {
        // struct statfs begins with f_type (a long) on 64-bit Linux.
        var buffer = new byte[256];
        try
        {
            return call(buffer) == 0 ? BitConverter.ToInt64(buffer, 0) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>PROC_SUPER_MAGIC, the statfs f_type of /proc.</summary>
    public const long ProcFilesystem = 0x9fa0;

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

    /// <summary>S_IWGRP | S_IWOTH: someone besides the owner may write.</summary>
    public const uint GroupOrOthersWrite = 0x12;

    /// <summary>S_IWOTH.</summary>
    public const uint OthersWrite = 0x2;

    /// <summary>S_IROTH.</summary>
    public const uint OthersRead = 0x4;

    /// <summary>What kind of file <paramref name="mode"/> is, for a message ("a FIFO", "a folder", ...).</summary>
    public static string Kind(uint mode) => (mode & TypeMask) switch
    {
        Regular => "a regular file",
        Directory => "a folder",
        SymbolicLink => "a symbolic link",
        0x1000 => "a FIFO",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "not a regular file",
    };

    /// <summary>The permission bits of <paramref name="mode"/> as four octal digits ("0644"), as chmod writes them.</summary>
    public static string Octal(uint mode) => Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0');

    // DllImport rather than LibraryImport: the generated stubs need unsafe code, which the engine does not enable.
    // glibc's soname, so the JIT and the NativeAOT build resolve it alike (only the JIT maps a bare "libc").
    private const string Libc = "libc.so.6";
    [DllImport(Libc, SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport(Libc, SetLastError = true)]
    private static extern int statfs([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);

    [DllImport(Libc, SetLastError = true)]
    private static extern int fstatfs(int fd, [Out] byte[] buffer);

    [DllImport(Libc, SetLastError = true)]
    private static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport(Libc)]
    private static extern void free(IntPtr pointer);

    [DllImport(Libc)]
    private static extern uint geteuid();
}
