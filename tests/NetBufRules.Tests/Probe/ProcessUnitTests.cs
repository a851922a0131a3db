using NetBufRules.Probe;

namespace NetBufRules.Tests.Probe;

/// <summary>
/// A process's unit is the system manager's service it runs in: a fix writes a drop-in for that unit, so a service a
/// user starts under their own manager (systemd-run --user --unit=NAME) must not name a system unit.
/// </summary>
public sealed class ProcessUnitTests : IDisposable
{
    private readonly DirectoryInfo _proc = Directory.CreateTempSubdirectory("nbr-unit-");

    public void Dispose() => _proc.Delete(recursive: true);

    private string Unit(string cgroup)
    {
        File.WriteAllText(Path.Combine(_proc.FullName, "cgroup"), cgroup);
        return ProcessTable.ReadUnit(_proc.FullName);
    }

    [Theory]
    [InlineData("0::/system.slice/nginx.service\n", "nginx.service")]
    [InlineData("0::/system.slice/system-getty.slice/getty@tty1.service\n", "getty@tty1.service")]
    [InlineData("0::/system.slice/docker.service/nested/inner.service\n", "docker.service")]
    // A user's own service under their manager: the process belongs to user@4242.service, whatever it named its unit.
    [InlineData("0::/user.slice/user-4242.slice/user@4242.service/app.slice/nginx.service\n", "user@4242.service")]
    [InlineData("0::/user.slice/user-4242.slice/session-3.scope\n", "-")]
    [InlineData("0::/init.scope\n", "-")]
    [InlineData("0::/system.slice/docker-1f2e.scope/sshd.service\n", "-")]
    [InlineData("0::/machine.slice/libpod-9a.scope/container/sshd.service\n", "-")]
    [InlineData("0::/user.slice/user-4242.slice/session-3.scope/sshd.service\n", "-")]
    [InlineData("12:pids:/system.slice/cron.service\n0::/system.slice/cron.service\n", "cron.service")]
    public void The_unit_is_the_outermost_service_of_the_cgroup(string cgroup, string unit) => Unit(cgroup).ShouldBe(unit);
}
