using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Report;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Report;

/// <summary>
/// The text report's "Culprit:" names a process only when a probe named one (a pid beside its name), prefers the
/// process a finding names over the interfaces it also read, and names each culprit once.
/// </summary>
public sealed class CulpritLineTests
{
    private static async Task<string> Sentence(string probes, string message, FakeSourceReader reader)
    {
        var playbook = Playbooks.Parse(Playbooks.Minimal(probes, $"  - if: count(sockets) > 0\n    message: {message}"));
        var report = await DiagnosisPipeline.RunAsync([playbook], new NetBufRules.Params.ParamOverrides(), reader,
            new ProbeRunOptions(TimeSpan.Zero), new HostInfo("h", "6.18", DateTimeOffset.UnixEpoch, true, "net:[1]"));
        return ReportDigest.Sentence(report.Results[0]);
    }

    // /proc/net/netlink's "Pid" column is the socket's port id: 3292459900 is one the kernel assigned, no process.
    private const string Netlink = """
          sockets:
            file: /proc/net/netlink
            extract:
              regex: '^[0-9a-f]+\s+(?<protocol>\d+)\s+(?<pid>-?\d+)\s+[0-9a-f]+\s+(?<rmem>\d+)\s+\d+\s+\d+\s+\d+\s+(?<drops>\d+)\s+(?<inode>\d+)'
              all: true
        """;

    [Fact]
    public async Task A_pid_column_without_a_process_name_is_not_named_as_a_process()
    {
        var reader = new FakeSourceReader().With("/proc/net/netlink",
            "sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode\n00000000a097e00b 0 3292459900 00000011 7488 0 0 2 959 17123801\n");
        var sentence = await Sentence(Netlink, "a netlink socket dropped messages", reader);
        sentence.ShouldBe("A netlink socket dropped messages.");
        sentence.ShouldNotContain("pid 3292459900");
    }

    private const string Sockets = """
          sockets:
            command: [ss, -Huamnp]
            extract:
              regex: '^\S+\s+\d+\s+\d+\s+(?<local>\S+)\s+\S+\s+users:\(\("(?<process>[^"]*)",pid=(?<pid>\d+),fd=\d+\)\)'
              all: true
        """;

    [Fact]
    public async Task A_pid_beside_its_process_name_is_named()
    {
        var reader = new FakeSourceReader().With("ss -Huamnp", "UNCONN 0 0 0.0.0.0:5000 0.0.0.0:* users:((\"feed\",pid=4242,fd=3))\n");
        (await Sentence(Sockets, "a socket is full", reader)).ShouldBe("A socket is full. Culprit: feed pid 4242 0.0.0.0:5000.");
    }

    private const string OptionalOwner = """
          sockets:
            command: [ss, -Huamnp]
            extract:
              regex: '^\S+\s+\d+\s+\d+\s+(?<local>\S+)\s+(?<peer>\S+)(?:\s+users:\(\("(?<process>[^"]*)",pid=(?<pid>\d+),fd=\d+\)\))?'
              all: true
        """;

    [Fact]
    public async Task A_socket_whose_owner_is_not_visible_without_root_names_no_empty_pid()
    {
        // Red team 8: not root, ss -p lists no owner, and the line read "Culprit: pid  0.0.0.0:7000 0.0.0.0:*".
        var reader = new FakeSourceReader().With("ss -Huamnp", "UNCONN 0 0 0.0.0.0:7000 0.0.0.0:*\n");
        var sentence = await Sentence(OptionalOwner, "a socket is full", reader);
        sentence.ShouldBe("A socket is full. Culprit: 0.0.0.0:7000 0.0.0.0:*.");
        sentence.ShouldNotContain("pid");
    }

    [Fact]
    public async Task The_process_a_finding_names_comes_before_the_interfaces_it_also_read_and_each_name_is_said_once()
    {
        var probes = """
              groups:
                file: /proc/net/igmp
                extract: { regex: '^(?<dev>\S+)\s+(?<users>\d+)$', all: true }
            """ + "\n" + Sockets;
        var reader = new FakeSourceReader()
            .With("/proc/net/igmp", "va 1\nva 1\nva 1\nvb 1\n")
            .With("ss -Huamnp", "UNCONN 0 0 0.0.0.0:6000 0.0.0.0:* users:((\"filterd\",pid=77,fd=5))\n");
        var playbook = Playbooks.Parse(Playbooks.Minimal(probes, "  - if: count(groups) > 0 && count(sockets) > 0\n    message: memberships may be full"));
        var report = await DiagnosisPipeline.RunAsync([playbook], new NetBufRules.Params.ParamOverrides(), reader,
            new ProbeRunOptions(TimeSpan.Zero), new HostInfo("h", "6.18", DateTimeOffset.UnixEpoch, true, "net:[1]"));
        ReportDigest.Sentence(report.Results[0]).ShouldBe("Memberships may be full. Culprit: filterd pid 77 0.0.0.0:6000.");
    }

    [Fact]
    public async Task Interfaces_alone_are_named_once_each()
    {
        var probes = """
              sockets:
                file: /proc/net/igmp
                extract: { regex: '^(?<dev>\S+)\s+(?<users>\d+)$', all: true }
            """;
        var reader = new FakeSourceReader().With("/proc/net/igmp", "va 1\nva 1\nva 1\nvb 1\n");
        (await Sentence(probes, "groups are joined", reader)).ShouldBe("Groups are joined. Culprits: va, vb.");
    }
}
