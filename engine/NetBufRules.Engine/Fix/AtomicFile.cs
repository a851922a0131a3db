using System.Runtime.InteropServices;

namespace NetBufRules.Fix;

/// <summary>Writes a file so that a reader sees the old content or the new, never half of it; mode and owner are kept.</summary>
internal static partial class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> through a temporary file in the same folder and a rename.</summary>
    public static void Write(string path, string content, UnixFileMode newFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("fixes are Linux files");
        var dir = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.netbufrules-{Environment.ProcessId}.tmp");
        var existing = File.Exists(path) ? new FileInfo(path) : null;
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.SetUnixFileMode(temp, existing?.UnixFileMode ?? newFileMode);
            if (existing is not null) CopyOwner(path, temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Copies a file with its mode (and owner), atomically at the destination.</summary>
    public static void Copy(string from, string to)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("fixes are Linux files");
        var mode = File.GetUnixFileMode(from);
        Write(to, File.ReadAllText(from), mode);
        CopyOwner(from, to);
        File.SetUnixFileMode(to, mode);
    }

    private static void CopyOwner(string from, string to)
    {
        if (!Environment.IsPrivilegedProcess) return;
        if (Stat(from, out var uid, out var gid) && Chown(to, uid, gid) != 0)
            throw new IOException($"cannot give {to} the owner of {from} (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>The owner of a file from libc's <c>lstat</c>: .NET reads a file's mode but not its owner.</summary>
    private static bool Stat(string path, out uint uid, out uint gid)
    {
        uid = gid = 0;
        var buffer = new byte[256];
        if (LStat(path, buffer) != 0) return false;
        // struct stat on x86-64 and arm64 Linux: st_uid at offset 28 (x86-64) or 24 (arm64), st_gid right after.
        var offset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 28 : 24;
        uid = BitConverter.ToUInt32(buffer, offset);
        gid = BitConverter.ToUInt32(buffer, offset + 4);
        return true;
    }

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LStat(string path, byte[] buffer);

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Chown(string path, uint owner, uint group);
}
