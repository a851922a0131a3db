using NetBufRules.Fix;

namespace NetBufRules.Tests.Fix;

/// <summary>A backup and its restore are the file the admin had, byte for byte, whatever its encoding.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ByteForByteBackupTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("nbr-bytes-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("latin-1 comment", new byte[] { 0x23, 0x20, 0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e, 0x0a, 0x61, 0x20, 0x3d, 0x20, 0x31, 0x0a })]
    [InlineData("byte-order mark", new byte[] { 0xef, 0xbb, 0xbf, 0x61, 0x20, 0x3d, 0x20, 0x31, 0x0a })]
    [InlineData("UTF-16 with CRLF", new byte[] { 0xff, 0xfe, 0x61, 0x00, 0x0d, 0x00, 0x0a, 0x00 })]
    [InlineData("no final newline, a NUL", new byte[] { 0x61, 0x00, 0x62 })]
    public void A_backup_and_its_restore_keep_every_byte_and_the_mode(string what, byte[] content)
    {
        var original = Path.Combine(_dir.FullName, "etc", "90-a.conf");
        var backup = Path.Combine(_dir.FullName, "backups", "etc", "90-a.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(original)!);
        File.WriteAllBytes(original, content);
        File.SetUnixFileMode(original, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        AtomicFile.Copy(original, backup);
        AtomicFile.Write(original, "net.core.somaxconn = 4096\n");
        AtomicFile.Copy(backup, original);

        File.ReadAllBytes(backup).ShouldBe(content, what);
        File.ReadAllBytes(original).ShouldBe(content, what);
        File.GetUnixFileMode(original).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
    }
}
