using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace NetBufRules.Primitives;

/// <summary>
/// An open folder that every operation goes through by name (openat, mkdirat, unlinkat, renameat), so what was checked
/// is what is written or deleted: a folder renamed or swapped for a link after it was opened is not followed, and no
/// name below it is ever resolved through a link (O_NOFOLLOW, AT_SYMLINK_NOFOLLOW, unlinkat never descends).
/// </summary>
internal sealed class DirectoryHandle : IDisposable
{
    // Linux's generic values (x86_64 and arm64 alike).
    private const int ReadOnly = 0, WriteOnly = 1, Create = 0x40, Exclusive = 0x80, DirectoryOnly = 0x10000, NoFollow = 0x20000, CloseOnExec = 0x80000;
    private const int AtRemoveDir = 0x200;
    private const int Exists = 17;

    private readonly SafeFileHandle _fd;

    private DirectoryHandle(SafeFileHandle fd, string path)
    {
        _fd = fd;
        Path = path;
    }

    /// <summary>The path it was opened by (for messages only; nothing is done by it).</summary>
    public string Path { get; }

    /// <summary>Opens the folder at <paramref name="path"/> (links on the way followed: the user named it).</summary>
    public static DirectoryHandle Open(string path)
    {
        var fd = open(path, ReadOnly | DirectoryOnly | CloseOnExec);
        return fd >= 0 ? new DirectoryHandle(new SafeFileHandle(fd, ownsHandle: true), path) : throw Failure($"cannot open the folder '{path}'");
    }

    /// <summary>Opens the sub-folder <paramref name="name"/>, never through a link.</summary>
    public DirectoryHandle OpenChild(string name)
    {
        var fd = openat(Fd, name, ReadOnly | DirectoryOnly | NoFollow | CloseOnExec, 0);
        return fd >= 0 ? new DirectoryHandle(new SafeFileHandle(fd, ownsHandle: true), System.IO.Path.Combine(Path, name)) : throw Failure($"cannot open the folder '{System.IO.Path.Combine(Path, name)}'");
    }

    /// <summary>Creates the sub-folder <paramref name="name"/> with <paramref name="mode"/>; false when the name is taken.</summary>
    public bool CreateChild(string name, UnixFileMode mode)
    {
        if (mkdirat(Fd, name, (uint)mode) == 0) return true;
        return Marshal.GetLastPInvokeError() == Exists ? false : throw Failure($"cannot create '{System.IO.Path.Combine(Path, name)}'");
    }

    /// <summary>Writes <paramref name="name"/> here (mode <paramref name="mode"/>) through a new temporary file and a rename, so a reader never sees half of it.</summary>
    public void WriteFile(string name, string content, UnixFileMode mode)
    {
        var temporary = $".{name}.{Guid.NewGuid():N}.tmp";
        var fd = openat(Fd, temporary, WriteOnly | Create | Exclusive | NoFollow | CloseOnExec, (uint)mode);
        if (fd < 0) throw Failure($"cannot create a file in '{Path}'");
        try
        {
            using (var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write))
            {
                var bytes = new UTF8Encoding(false).GetBytes(content);
                stream.Write(bytes);
            }
            if (renameat(Fd, temporary, Fd, name) != 0) throw Failure($"cannot write '{System.IO.Path.Combine(Path, name)}'");
        }
        finally
        {
            // Gone already after the rename (ENOENT); after a failure it goes, and only it (never through a link).
            _ = unlinkat(Fd, temporary, 0);
        }
    }

    /// <summary>The names in this folder ('.' and '..' left out).</summary>
    public IReadOnlyList<string> Names()
    {
        var names = new List<string>();
        var buffer = new byte[32768];
        if (lseek(Fd, 0, 0) < 0) throw Failure($"cannot list '{Path}'");
        while (true)
        {
            var read = (long)getdents64(Fd, buffer, buffer.Length);
            if (read < 0) throw Failure($"cannot list '{Path}'");
            if (read == 0) return names;
            // struct linux_dirent64: ino u64, off s64, reclen u16, type u8, then the NUL-terminated name.
            for (var at = 0; at < read;)
            {
                var length = BitConverter.ToUInt16(buffer, at + 16);
                var end = Array.IndexOf(buffer, (byte)0, at + 19);
                var name = Encoding.UTF8.GetString(buffer, at + 19, end - (at + 19));
                if (name is not "." and not "..") names.Add(name);
                at += length;
            }
        }
    }

    /// <summary>Owner, mode and size of <paramref name="name"/> here (a link itself, never its target), or null when it is not there.</summary>
    public (uint Uid, uint Mode, long Size)? StatChild(string name) => name.Length == 0 ? null : NativeFile.StatAt(_fd, name);

    /// <summary>Owner, mode and size of this folder itself.</summary>
    public (uint Uid, uint Mode, long Size)? Stat() => NativeFile.StatAt(_fd, "");

    /// <summary>Removes the entry <paramref name="name"/> (a link is removed, never followed); a sub-folder only when <paramref name="folder"/> and empty. False when it could not be removed.</summary>
    public bool Remove(string name, bool folder) => unlinkat(Fd, name, folder ? AtRemoveDir : 0) == 0;

    /// <inheritdoc/>
    public void Dispose() => _fd.Dispose();

    private int Fd => (int)_fd.DangerousGetHandle();

    private static IOException Failure(string what) => new($"{what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");

    // DllImport as in NativeFile (no generated stubs); glibc's soname so the JIT and NativeAOT resolve it alike.
    private const string Libc = "libc.so.6";
    [DllImport(Libc, SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport(Libc, SetLastError = true)]
    private static extern int openat(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mode);

    [DllImport(Libc, SetLastError = true)]
    private static extern int mkdirat(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    [DllImport(Libc, SetLastError = true)]
    private static extern int unlinkat(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport(Libc, SetLastError = true)]
    private static extern int renameat(int olddirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, int newdirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath);

    [DllImport(Libc, SetLastError = true)]
    private static extern nint getdents64(int fd, [Out] byte[] buffer, nint count);

    [DllImport(Libc, SetLastError = true)]
    private static extern long lseek(int fd, long offset, int whence);
}
