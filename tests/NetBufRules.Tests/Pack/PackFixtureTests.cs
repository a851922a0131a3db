using NetBufRules.Evaluate;
using NetBufRules.Lint;
using NetBufRules.Load;
using NetBufRules.Probe;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Pack;

/// <summary>The built-in pack against real outputs recorded while each fault was induced (tests/faults/record-snapshots.sh).</summary>
public sealed class PackFixtureTests
{
    [Fact]
    public void Every_shipped_playbook_loads_and_validates_cleanly()
    {
        var loaded = PlaybookLoader.Load([Repo.Playbooks]);
        loaded.Diagnostics.ShouldBeEmpty();
        PlaybookValidator.Validate(loaded.Playbooks).ShouldBeEmpty();
        loaded.Playbooks.Select(p => p.Id).ShouldBe(["file-descriptors", "memory-pressure", "multicast-limits", "neighbour-table", "netlink-drops", "nic-drops", "socket-buffers", "socket-option-memory", "tcp-backlog", "tcp-memory", "xfrm-policy", "tc-egress-drops", "udp-datagram-too-large"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("netns-healthy", "file-descriptors=ok memory-pressure=advice multicast-limits=skipped neighbour-table=ok netlink-drops=ok nic-drops=ok socket-buffers=advice socket-option-memory=skipped tc-egress-drops=ok tcp-backlog=ok tcp-memory=skipped udp-datagram-too-large=skipped xfrm-policy=skipped")]
    [InlineData("netns-backlog", "file-descriptors=ok memory-pressure=advice multicast-limits=skipped neighbour-table=ok netlink-drops=ok nic-drops=ok socket-buffers=advice socket-option-memory=skipped tc-egress-drops=ok tcp-backlog=fired tcp-memory=skipped udp-datagram-too-large=skipped xfrm-policy=skipped")]
    [InlineData("netns-udp-rcvbuf", "file-descriptors=ok memory-pressure=advice multicast-limits=skipped neighbour-table=ok netlink-drops=ok nic-drops=ok socket-buffers=fired socket-option-memory=skipped tc-egress-drops=ok tcp-backlog=ok tcp-memory=skipped udp-datagram-too-large=skipped xfrm-policy=skipped")]
    [InlineData("netns-fd-limit", "file-descriptors=fired memory-pressure=advice multicast-limits=skipped neighbour-table=ok netlink-drops=ok nic-drops=ok socket-buffers=advice socket-option-memory=skipped tc-egress-drops=ok tcp-backlog=ok tcp-memory=skipped udp-datagram-too-large=skipped xfrm-policy=skipped")]
    [InlineData("netns-fd-starved", "file-descriptors=fired memory-pressure=advice multicast-limits=skipped neighbour-table=ok netlink-drops=ok nic-drops=ok socket-buffers=advice socket-option-memory=skipped tc-egress-drops=ok tcp-backlog=fired tcp-memory=skipped udp-datagram-too-large=skipped xfrm-policy=skipped")]
    [InlineData("netns-netlink", "file-descriptors=ok memory-pressure=advice multicast-limits=skipped neighbour-table=ok netlink-drops=fired nic-drops=ok socket-buffers=advice socket-option-memory=skipped tc-egress-drops=ok tcp-backlog=ok tcp-memory=skipped udp-datagram-too-large=skipped xfrm-policy=skipped")]
    [InlineData("netns-qdisc", "file-descriptors=ok memory-pressure=advice multicast-limits=skipped neighbour-table=ok netlink-drops=ok nic-drops=fired socket-buffers=advice socket-option-memory=skipped tc-egress-drops=ok tcp-backlog=ok tcp-memory=skipped udp-datagram-too-large=skipped xfrm-policy=skipped")]
    [InlineData("host-root", "file-descriptors=ok memory-pressure=advice multicast-limits=skipped neighbour-table=ok netlink-drops=ok nic-drops=ok socket-buffers=advice socket-option-memory=skipped tc-egress-drops=ok tcp-backlog=ok tcp-memory=advice udp-datagram-too-large=skipped xfrm-policy=skipped")]
    [InlineData("host-oom", "file-descriptors=ok memory-pressure=advice multicast-limits=skipped neighbour-table=ok netlink-drops=ok nic-drops=ok socket-buffers=advice socket-option-memory=skipped tc-egress-drops=ok tcp-backlog=ok tcp-memory=advice udp-datagram-too-large=skipped xfrm-policy=skipped")]
    [InlineData("host-user", "file-descriptors=ok memory-pressure=advice multicast-limits=skipped neighbour-table=skipped netlink-drops=ok nic-drops=ok socket-buffers=advice socket-option-memory=skipped tc-egress-drops=ok tcp-backlog=ok tcp-memory=advice udp-datagram-too-large=skipped xfrm-policy=skipped")]
    public async Task Each_recorded_fault_fires_its_cause_and_the_neighbours_stay_quiet(string snapshot, string expected)
    {
        Replay.Statuses(await Replay.Run(Replay.Load(snapshot))).ShouldBe(expected);
    }

    [Fact]
    public async Task Backlog_names_the_full_listener_and_says_the_applications_backlog_is_the_limit()
    {
        var reason = (await Replay.Run(Replay.Load("netns-backlog")))["tcp-backlog"].Reason;
        reason.ShouldContain("127.0.0.1:9000 has 3 waiting with an effective backlog of 2 (python3 pid ");
        reason.ShouldContain("raise the backlog the application passes to listen(), and restart it after raising somaxconn");
    }

    [Fact]
    public async Task An_fd_starved_listener_links_the_backlog_finding_to_the_open_files_limit()
    {
        var results = await Replay.Run(Replay.Load("netns-fd-starved"));
        results["tcp-backlog"].Reason.ShouldContain("out of file descriptors, so accept() fails with EMFILE");
        results["tcp-backlog"].Reason.ShouldContain("see the file-descriptors finding");
        results["file-descriptors"].Reason.ShouldMatch(@"pid \d+ \(python3\) has 1[67] of 16");
    }

    [Fact]
    public async Task The_udp_finding_names_the_socket_that_drops()
    {
        (await Replay.Run(Replay.Load("netns-udp-rcvbuf")))["socket-buffers"].Reason
            .ShouldMatch(@"sockets dropping now: 127\.0\.0\.1:9999 \(\+\d+ drops, receive buffer \d+ bytes, python3 pid \d+: the application sets SO_RCVBUF to 4096 \(the kernel doubles it\); raise it in the application");
    }

    [Fact]
    public async Task Qdisc_drops_name_the_device_and_qdisc()
    {
        (await Replay.Run(Replay.Load("netns-qdisc")))["nic-drops"].Reason.ShouldMatch(@"tbf [0-9a-f]+: on va \(\+\d+ drops");
    }

    [Fact]
    public async Task A_memory_cgroup_oom_names_the_killed_process()
    {
        (await Replay.Run(Replay.Load("host-oom")))["memory-pressure"].Reason.ShouldMatch(@"pid \d+ \(python3, Memory cgroup out of memory, \d+ s ago\)");
    }

    [Fact]
    public async Task Inside_a_namespace_tcp_memory_is_skipped_saying_it_belongs_to_the_host()
    {
        var finding = (await Replay.Run(Replay.Load("netns-healthy")))["tcp-memory"];
        finding.Reason.ShouldContain("TCP memory is global to the host");
    }

    [Theory]
    [InlineData("netns-backlog", "tcp-backlog")]
    [InlineData("netns-udp-rcvbuf", "socket-buffers")]
    [InlineData("netns-qdisc", "socket-buffers")]
    public async Task Without_nstat_or_netstat_the_proc_fallbacks_give_the_same_verdict(string snapshot, string id)
    {
        var withTools = await Replay.Run(Replay.Load(snapshot));
        var without = await Replay.Run(Replay.Load(snapshot).Without(s => s.Key.StartsWith("cmd:nstat", StringComparison.Ordinal) || s.Key.StartsWith("cmd:netstat", StringComparison.Ordinal)));
        Replay.Statuses(without).ShouldBe(Replay.Statuses(withTools));
        without[id].Finding.Probes.Values.Where(p => p.Source is not null).ShouldAllBe(p => !p.Source!.StartsWith("nstat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_ss_the_backlog_still_fires_on_the_counters_and_says_what_it_could_not_see()
    {
        var results = await Replay.Run(Replay.Load("netns-backlog").Without(s => s.Describe.StartsWith("ss ", StringComparison.Ordinal)));
        results["tcp-backlog"].Status.ShouldBe(FindingStatus.Fired);
        results["tcp-backlog"].Notes.ShouldContain(n => n.StartsWith("probe full_listeners skipped: ss -Hltnp is not in the snapshot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task As_an_ordinary_user_root_only_probes_are_skipped_with_their_reason_and_nothing_errors()
    {
        var results = await Replay.Run(Replay.Load("host-user"));
        results.Values.ShouldAllBe(r => r.Status != FindingStatus.Error);
        var memory = results["memory-pressure"];
        memory.Finding.Probes["oom_recent"].Status.ShouldBe(ProbeStatus.Skipped);
        memory.Finding.Probes["oom_recent"].SkipReason!.ShouldContain("Operation not permitted");
        memory.Reason.ShouldContain("could not be read here");
        results["file-descriptors"].Notes.ShouldContain(n => n.Contains("processes not readable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Softnet_drops_in_an_older_kernels_format_fire_nic_drops_with_the_backlog_fix()
    {
        // A 10-column softnet_stat (older kernels), CPU1 dropping 200 packets between the samples.
        const string before = "00c1a3f6 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n0087c2e1 00000010 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n";
        const string after = "00c1a4f6 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n0087c3e1 000000d8 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n";
        var results = await Replay.Run(Replay.Load("host-root").Replace("/proc/net/softnet_stat", before, after));
        var nic = results["nic-drops"];
        nic.Status.ShouldBe(FindingStatus.Fired);
        nic.Reason.ShouldContain("overflowed 200 times during sampling: raise net.core.netdev_max_backlog");
        nic.Fixes.Single().Content.ShouldContain("net.core.netdev_max_backlog = 4096");
    }

    [Fact]
    public async Task Segments_reordered_is_not_a_backlog_signal()
    {
        var playbook = PlaybookLoader.Load([Path.Combine(Repo.Playbooks, "tcp-backlog.yaml")]).Playbooks.Single();
        var read = playbook.Probes.SelectMany(p => p.Alternatives).SelectMany(a => new[] { a.Extract.Path ?? "" }.Concat(a.Extract.Map?.Values ?? []));
        read.ShouldNotContain(path => path.Contains("Reorder", StringComparison.OrdinalIgnoreCase));
        playbook.When.ShouldNotContain(s => s.Condition.Text.Contains("reorder", StringComparison.OrdinalIgnoreCase));
        (await Replay.Run(Replay.Load("netns-healthy")))["tcp-backlog"].Status.ShouldBe(FindingStatus.Ok);
    }
}

public sealed class FileDescriptorFixTests
{
    // A host has login processes too (a shell outside any service): limits.d sets theirs, so a fix there is measured against them.
    private static NetBufRules.Probe.Recording.Snapshot WithProcess(string unit, bool login = true) =>
        Replay.Load("netns-fd-limit").Replace("/proc/*/{comm,fd,limits,cgroup}",
            $"pid\tfds\tsoft\thard\tuid\tunit\tcomm\n1\t20\t1024\t4096\t0\t-\tinit\n4242\t1024\t1024\t524288\t33\t{unit}\tnginx\n"
            + (login ? "5000\t4\t1024\t524288\t1000\t-\tbash\n" : ""));

    [Fact]
    public async Task A_limits_d_line_never_lowers_the_hard_limit_a_login_has_now()
    {
        var finding = (await Replay.Run(WithProcess("nginx.service")))["file-descriptors"];
        finding.Fixes[0].Content.ShouldContain("*  hard  nofile  524288", customMessage: "the shell's hard limit 524288 is above the advised 65536");
    }

    [Fact]
    public async Task Without_a_login_process_measured_a_service_at_its_limit_gets_only_its_own_drop_in()
    {
        var finding = (await Replay.Run(WithProcess("nginx.service", login: false)))["file-descriptors"];
        finding.Status.ShouldBe(FindingStatus.Fired, finding.Reason);
        finding.Fixes.Select(f => f.Path).ShouldBe(["/etc/systemd/system/nginx.service.d/90-netbufrules-nofile.conf"], "a limits.d line could lower logins' limits that the run did not see");
    }

    [Fact]
    public async Task A_service_at_its_limit_gets_both_a_limits_d_file_and_its_own_LimitNOFILE_drop_in()
    {
        var finding = (await Replay.Run(WithProcess("nginx.service")))["file-descriptors"];
        finding.Status.ShouldBe(FindingStatus.Fired);
        finding.Reason.ShouldContain("pid 4242 (nginx) has 1024 of 1024 (at it: its opens fail with EMFILE) [nginx.service]");
        finding.Fixes.Select(f => f.Path).ShouldBe(["/etc/security/limits.d/90-netbufrules.conf", "/etc/systemd/system/nginx.service.d/90-netbufrules-nofile.conf"]);
        var dropIn = finding.Fixes[1].Content;
        dropIn.ShouldContain("[Service]\nLimitNOFILE=524288\n", customMessage: "the hard limit 524288 is above the advised 65536: never lower it");
        dropIn.ShouldContain("systemctl restart nginx.service");
        finding.Fixes[0].Content.ShouldContain("*  soft  nofile  65536");
    }

    [Fact]
    public async Task A_crafted_unit_name_cannot_steer_a_fix_outside_the_allowed_places()
    {
        var finding = (await Replay.Run(WithProcess("../../../root/x.service")))["file-descriptors"];
        finding.Status.ShouldBe(FindingStatus.Error);
        finding.Reason.ShouldContain("fix refused (NBR044): an interpolated path value contains '..'");
        finding.Fixes.ShouldBeEmpty();
    }
}
