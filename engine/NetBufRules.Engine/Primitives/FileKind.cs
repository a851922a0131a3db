using System.Runtime.InteropServices;
using System.Text;

namespace NetBufRules.Primitives;

/// <summary>What a path is, from stat(2): .NET does not tell a regular file from a device or a FIFO.</summary>
internal static partial class FileKind
{
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000;

    /// <summary>Whether <paramref name="path"/> (its symlinks followed) is a regular file; true where stat cannot be asked (the read is still capped).</summary>
    public static bool IsRegularFile(string path) => Mode(path, followLinks: true) is not { } mode || (mode & TypeMask) == Regular;

    /// <summary>Whether <paramref name="path"/> itself is a symbolic link.</summary>
    public static bool IsSymlink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>The full path of <paramref name="folder"/> with its own symlink resolved, ending in a separator.</summary>
    public static string RealFolder(string folder)
    {
        var top = new DirectoryInfo(folder);
        var real = top.LinkTarget is null ? top.FullName : top.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? top.FullName;
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(real)) + Path.DirectorySeparatorChar;
    }

    /// <summary>Whether the symlink <paramref name="link"/> ends at a path inside <paramref name="root"/> (from <see cref="RealFolder"/>).</summary>
    public static bool TargetInside(string link, string root)
    {
        try
        {
            return File.ResolveLinkTarget(link, returnFinalTarget: true) is { } target
                && Path.GetFullPath(target.FullName).StartsWith(root, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int? Mode(string path, bool followLinks)
    {
        // st_mode's offset in struct stat differs per architecture; elsewhere the answer is "unknown".
        var offset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };
        if (offset < 0 || !OperatingSystem.IsLinux()) return null;
        var name = Encoding.UTF8.GetBytes(path + "\0");
        var buffer = new byte[256];
        try
        {
            var rc = followLinks ? Stat(name, buffer) : LStat(name, buffer);
            return rc == 0 ? BitConverter.ToInt32(buffer, offset) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "stat")]
    private static extern int Stat(byte[] path, byte[] buffer);

    [DllImport("libc", EntryPoint = "lstat")]
    private static extern int LStat(byte[] path, byte[] buffer);
}
