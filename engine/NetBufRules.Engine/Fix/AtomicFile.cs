using System.Runtime.InteropServices;
using NetBufRules.Primitives;

namespace NetBufRules.Fix;

/// <summary>Writes a file so that a reader sees the old content or the new, never half of it; mode and owner are kept.</summary>
internal static partial class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> through a temporary file in the same folder and a rename (<see cref="OwnFile"/>), on disk before it replaces the old one.</summary>
    public static void Write(string path, string content, UnixFileMode newFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead) =>
        Write(path, new System.Text.UTF8Encoding(false).GetBytes(content), newFileMode);

    private static void Write(string path, byte[] content, UnixFileMode newFileMode)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("fixes are Linux files");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var existing = File.Exists(path) ? new FileInfo(path) : null;
        // The old file's mode (or the new file's) and owner, given before the rename.
        OwnFile.Write(path, content, existing?.UnixFileMode ?? newFileMode, existing is null ? null : temp => CopyOwner(path, temp), durable: true);
    }

    /// <summary>
    /// Copies a file with its mode (and owner), atomically at the destination, byte for byte: a backup and its restore
    /// keep a Latin-1 comment, a byte-order mark or any other encoding exactly as the admin wrote it.
    /// </summary>
    public static void Copy(string from, string to)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("fixes are Linux files");
        var mode = File.GetUnixFileMode(from);
        Write(to, File.ReadAllBytes(from), mode);
        CopyOwner(from, to);
        File.SetUnixFileMode(to, mode);
    }

    private static void CopyOwner(string from, string to)
    {
        if (!Environment.IsPrivilegedProcess) return;
        if (NativeFile.Stat(from, follow: false) is { } owner && Chown(to, owner.Uid, owner.Gid) != 0)
            throw new IOException($"cannot give {to} the owner of {from} (errno {Marshal.GetLastPInvokeError()})");
    }

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Chown(string path, uint owner, uint group);
}
