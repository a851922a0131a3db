using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NetBufRules.Primitives;

/// <summary>
/// The one check every file a user or a repository names as input passes before it is read (playbook, test file,
/// snapshot, values file, repository config, pack manifest): a regular file that is no kernel or device file (not
/// under /proc, /sys or /dev once links and '..' are resolved, nor on a kernel pseudo filesystem mounted elsewhere)
/// and, where links are not followed (config, pack.yaml), not a link. A refused file is never opened: /proc/kmsg and
/// trace_pipe block and consume what they give, a FIFO blocks, /dev/zero never ends. The opened handle is checked
/// again (a file swapped in between is caught), and the open itself cannot block (O_NONBLOCK).
/// </summary>
internal static class InputFile
{
    /// <summary>Folders whose files are the kernel's or devices, never a user's input.</summary>
    public static readonly IReadOnlyList<string> KernelRoots = ["/proc", "/sys", "/dev"];

    // statfs f_type of kernel pseudo filesystems (linux/magic.h): mounted anywhere, their files are not input.
    private static readonly HashSet<long> KernelFilesystems =
    [
        NativeFile.ProcFilesystem,
        0x62656572, // sysfs
        0x64626720, // debugfs
        0x74726163, // tracefs
        0x73636673, // securityfs
        0xcafe4a11, // bpf
        0x27e0eb, // cgroup
        0x63677270, // cgroup2
        0x62656570, // configfs
        0x6165676C, // pstore
        0xde5e81e4, // efivarfs
        0x42494e4d, // binfmt_misc
        0x65735543, // fusectl
    ];

    /// <summary>Why <paramref name="path"/> may not be read as input (without opening it), or null when it may.</summary>
    public static BoundedFileException? Check(string path, bool followLinks = true)
    {
        if (!followLinks && NativeFile.Stat(path, follow: false) is { } own && (own.Mode & NativeFile.TypeMask) == NativeFile.SymbolicLink)
            return new BoundedFileException($"'{path}' is a symbolic link; it is not followed (a link could show another file's lines)", untrusted: true);
        var real = NativeFile.RealPath(path);
        // A path that does not resolve is left to the open, which says "not found" or "permission denied" as before.
        if (real is null) return null;
        if (Kernel(real)) return KernelFile(path, real);
        if (NativeFile.FilesystemType(real) is { } fs && KernelFilesystems.Contains(fs)) return KernelFile(path, real);
        var stat = NativeFile.Stat(real);
        if (stat is { } st && (st.Mode & NativeFile.TypeMask) != NativeFile.Regular) return NotRegular(path);
        if (stat is { } target && (target.Mode & OthersRead) == 0 && real != Path.GetFullPath(path) && !Beside(path, real))
            return new BoundedFileException($"'{path}' leads through a link to {real}, a file not everyone on this host may read; a link is followed out of its folder only to a file anyone may read (a link in a shared pack or repository could point at /etc/shadow or a key, whose lines would come back in messages and CI logs)", untrusted: true);
        return null;
    }

    /// <summary>Whether <paramref name="real"/> lies in the folder of <paramref name="path"/> or below it (a snapshot's "latest.json" beside it).</summary>
    private static bool Beside(string path, string real) =>
        NativeFile.RealPath(Path.GetDirectoryName(Path.GetFullPath(path))!) is { } folder && real.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>The mode bit that lets anyone read a file: a secret (/etc/shadow 0640, a key 0600) lacks it.</summary>
    private const uint OthersRead = 0x4;

    /// <summary>
    /// Opens <paramref name="path"/> for reading once <see cref="Check"/> passes, and checks the opened file again.
    /// Throws <see cref="BoundedFileException"/> when refused, and what a plain open throws when it is missing or not allowed.
    /// </summary>
    public static SafeFileHandle Open(string path, bool followLinks = true)
    {
        if (Check(path, followLinks) is { } refused) throw refused;
        var handle = Native.OpenRead(path, followLinks, out var errno);
        if (handle is null)
        {
            throw errno switch
            {
                Eloop when !followLinks => new BoundedFileException($"'{path}' is a symbolic link; it is not followed (a link could show another file's lines)", untrusted: true),
                Enoent or Enotdir => new FileNotFoundException($"Could not find file '{path}'.", path),
                Eacces or Eperm => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
                _ => new IOException($"cannot open '{path}' (errno {errno})"),
            };
        }
        try
        {
            // The file opened may not be the file checked: look at the handle itself.
            var opened = Native.OpenedPath(handle);
            if (opened is not null && Kernel(opened)) throw KernelFile(path, opened);
            if (NativeFile.FilesystemType(handle) is { } fs && KernelFilesystems.Contains(fs)) throw KernelFile(path, opened ?? path);
            if (NativeFile.Stat(handle) is { } stat && (stat.Mode & NativeFile.TypeMask) != NativeFile.Regular) throw NotRegular(path);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Why the folder <paramref name="folder"/> may not be scanned for input files (it resolves under /proc, /sys or
    /// /dev: a scan of /proc walks every process), or null when it may.
    /// </summary>
    public static BoundedFileException? CheckFolder(string folder) =>
        NativeFile.RealPath(folder) is { } real && Kernel(real)
            ? new BoundedFileException($"folder '{folder}'{(real == folder ? "" : $" resolves to {real}, which")} is under /proc, /sys or /dev; it is never scanned for input files", untrusted: true)
            : null;

    /// <summary>Whether <paramref name="resolved"/> (a fully resolved path) lies under /proc, /sys or /dev.</summary>
    public static bool Kernel(string resolved) =>
        KernelRoots.Any(r => resolved == r || resolved.StartsWith(r + "/", StringComparison.Ordinal));

    private static BoundedFileException KernelFile(string path, string real) =>
        new(real == path
            ? $"'{path}' is a kernel or device file (under /proc, /sys or /dev); it is never read as input"
            : $"'{path}' resolves to {real}, a kernel or device file (under /proc, /sys or /dev); it is never read as input", untrusted: true);

    private static BoundedFileException NotRegular(string path) =>
        new($"'{path}' is not a regular file (a device, FIFO or socket is never read)");

    private const int Eperm = 1;
    private const int Enoent = 2;
    private const int Eacces = 13;
    private const int Enotdir = 20;
    private const int Eloop = 40;

    /// <summary>What <see cref="NativeFile"/> does not ask: open without blocking or following, and the path of an opened file.</summary>
    private static class Native
    {
        private const int ORdOnly = 0;
        private const int ONonBlock = 0x800;
        private const int ONoFollow = 0x20000;
        private const int OCloExec = 0x80000;

        /// <summary>The path the kernel has for an open file (its /proc/self/fd link), or null.</summary>
        public static string? OpenedPath(SafeFileHandle handle)
        {
            try
            {
                return new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget;
            }
            catch (IOException)
            {
                return null;
            }
        }

        public static SafeFileHandle? OpenRead(string path, bool followLinks, out int errno)
        {
            errno = 0;
            int fd;
            try
            {
                fd = open(path, ORdOnly | ONonBlock | OCloExec | (followLinks ? 0 : ONoFollow));
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // No libc to ask: .NET's own open, after the path checks above.
                return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            }
            if (fd >= 0) return new SafeFileHandle(fd, ownsHandle: true);
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        // DllImport rather than LibraryImport: the generated stubs need unsafe code, which the engine does not enable.
        private const string Libc = "libc.so.6";

        [DllImport(Libc, SetLastError = true)]
        private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    }
}
