using NetBufRules.Fix;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Fix;

/// <summary>
/// vm.min_free_kbytes is memory kept from every process, not a limit: a fix may raise it to a twentieth of this host's
/// RAM, to 64 MiB where the target's RAM is unknown (--root, --write), and never refuses the value the host runs now.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MemoryReserveTests : IDisposable
{
    private const long OneGiBKb = 1024 * 1024;
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("nbr-reserve-");

    public void Dispose() => _root.Delete(recursive: true);

    [Theory]
    [InlineData(1048576, "67584", OneGiBKb, true)]      // 1 GiB on a 1 GiB host
    [InlineData(60000, "11264", OneGiBKb, true)]        // above a twentieth (52428) and above what runs
    [InlineData(50000, "45056", OneGiBKb, false)]       // a raise within a twentieth
    [InlineData(131072, "131072", OneGiBKb, false)]     // the value the host runs, though above a twentieth
    [InlineData(65536, "11264", 32 * OneGiBKb, false)]  // the pack's advice on a 32 GiB host
    public void A_raise_beyond_a_twentieth_of_this_hosts_RAM_is_refused(long wanted, string running, long ramKb, bool refused)
    {
        var problem = MemoryReserve.Problem($"vm.min_free_kbytes = {wanted}\n", _ => running, () => ramKb);
        (problem is not null).ShouldBe(refused, problem);
        if (refused) problem.ShouldNotBeNull().ShouldContain("more than a 20th");
    }

    [Fact]
    public void Where_the_targets_RAM_is_unknown_the_reserve_goes_up_to_64_MiB()
    {
        Func<long?> unread = () => throw new InvalidOperationException("the RAM of another target is never this host's");
        MemoryReserve.Problem("vm.min_free_kbytes = 65536\n", runtime: null, memTotalKb: unread).ShouldBeNull();
        MemoryReserve.Problem("vm.min_free_kbytes = 65537\n", runtime: null, memTotalKb: unread).ShouldNotBeNull().ShouldContain("cannot read (--root or --write)");
        MemoryReserve.Problem("net.core.somaxconn = 1048576\n", runtime: null, memTotalKb: unread).ShouldBeNull();
    }

    [Fact]
    public void This_hosts_RAM_is_read_from_proc_meminfo()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        MemoryReserve.ReadMemTotalKb().ShouldBe(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_shared_playbook_raising_the_reserve_to_1_GiB_is_refused_and_nothing_is_written()
    {
        // Red team 4 (trust 9): lint-clean, "raise only", and on a small host the kernel would reclaim and kill until 1 GiB is free.
        var pack = Directory.CreateDirectory(Path.Combine(_root.FullName, "pack"));
        var export = Directory.CreateDirectory(Path.Combine(_root.FullName, "export"));
        File.WriteAllText(Path.Combine(pack.FullName, "reserve.yaml"), """
            apiVersion: netbufrules/v1
            id: reserve
            title: atomic allocation reserve
            severity: info
            summary: s
            why: w
            probes:
              mfk:
                sysctl: vm.min_free_kbytes
            when: []
            advise_when:
              - if: mfk > 0
                message: m
            fix:
              - path: /etc/sysctl.d/90-reserve.conf
                template: |
                  vm.min_free_kbytes = {{ max mfk 1048576 }}
            """);
        var reader = new FakeSourceReader().With("sysctl -n vm.min_free_kbytes", "67584");
        var (code, output, _) = await CliRunner.Run(reader, ["fix", pack.FullName, "--interval", "0", "--write", export.FullName]);
        code.ShouldNotBe(0);
        output.ShouldContain("vm.min_free_kbytes = 1048576 would keep 1024 MiB free on a target whose RAM this run cannot read", Case.Sensitive, output);
        export.GetFileSystemInfos().ShouldBeEmpty();
    }
}
