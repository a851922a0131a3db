using System.Diagnostics;
using NetBufRules.Fix;
using NetBufRules.Policy;
using NetBufRules.Tests.EndToEnd;

namespace NetBufRules.Tests.Fix;

/// <summary>
/// <c>fix --write DIR</c> / <c>--root DIR</c> refuse a folder that is this host's root or holds this host's fix
/// folders, by identity: the same folder reached through a bind mount or a link writes the host.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostRootGuardTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("nbr-t5a-guard-");

    public void Dispose() => _scratch.Delete(recursive: true);

    private static readonly string[] FixDirectories = [.. SafetyPolicy.Default.AllowedFixDirectories];

    [Fact]
    public void A_link_to_the_host_root_is_the_host_root_although_its_path_differs()
    {
        var host = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "host"));
        var link = Path.Combine(_scratch.FullName, "view");
        File.CreateSymbolicLink(link, host.FullName);

        HostRootGuard.Problem(link, FixDirectories, host.FullName).ShouldNotBeNull().ShouldContain("is this host's root folder");
    }

    [Fact]
    public void An_image_whose_etc_is_the_hosts_etc_would_write_the_host()
    {
        var image = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "image"));
        File.CreateSymbolicLink(Path.Combine(image.FullName, "etc"), "/etc");

        HostRootGuard.Problem(image.FullName, FixDirectories).ShouldNotBeNull().ShouldContain("is this host's /etc");
    }

    [Fact]
    public void An_image_folder_of_its_own_may_be_written()
    {
        var image = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "image"));
        Directory.CreateDirectory(Path.Combine(image.FullName, "etc", "sysctl.d"));

        HostRootGuard.Problem(image.FullName, FixDirectories).ShouldBeNull();
    }

    /// <summary>
    /// The real fault: '/' bind-mounted (recursively) at a folder, as a container's <c>-v /:/host</c> does. Runs in a
    /// private mount namespace whose /etc fix folders are tmpfs, so even a regression writes nothing to this host.
    /// </summary>
    [SkippableTheory]
    [InlineData("--write")]
    [InlineData("--root")]
    public void A_bind_mount_of_slash_is_refused_like_slash_and_writes_nothing(string option)
    {
        Skip.IfNot(Environment.IsPrivilegedProcess && File.Exists("/usr/bin/unshare"), "needs root and unshare (CI has them)");
        var mount = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "host")).FullName;
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet";
        var script = string.Join("\n",
            "set -e",
            "for d in /etc/sysctl.d /etc/security/limits.d /etc/systemd/system; do mount -t tmpfs nbr-t5a-guard $d; done",
            "mount --rbind / \"$1\"",
            "set +e",
            "\"$2\" \"$3\" fix \"$4\" --interval 0 \"$5\" \"$1\"; echo \"exit=$?\"",
            "echo \"files=$(ls /etc/sysctl.d /etc/security/limits.d /etc/systemd/system | grep -c netbufrules)\"");
        var info = new ProcessStartInfo("/usr/bin/unshare") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-m", "--propagation", "private", "bash", "-c", script, "guard", mount, dotnet, NetworkNamespace.Tool, Support.Repo.Playbooks, option })
            info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_HOME"] = "/tmp";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        stdout.Result.ShouldContain("exit=2", customMessage: stderr);
        stdout.Result.ShouldContain("files=0", customMessage: "nothing was written into this host's fix folders");
        stderr.ShouldContain($"{option} {mount} would change this host without a backup or a verification");
    }
}
