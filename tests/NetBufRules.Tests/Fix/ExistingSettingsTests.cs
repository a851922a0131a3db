using NetBufRules.Fix;
using NetBufRules.Render.Content;

namespace NetBufRules.Tests.Fix;

/// <summary>What "every setting of the existing file stays, same or raised" means for each kind of file a fix writes.</summary>
public sealed class ExistingSettingsTests
{
    [Fact]
    public void A_limits_d_line_of_another_party_must_stay_with_the_same_or_a_raised_value()
    {
        const string admin = "@db  hard  nproc  4096\n*  -  nofile  65536\n";
        ExistingSettings.Problem(FixKind.Limits, admin, "@db hard nproc 4096\n* soft nofile 65536\n* hard nofile 524288\n", "x").ShouldBeNull();
        ExistingSettings.Problem(FixKind.Limits, admin, "* - nofile 524288\n", "x").ShouldNotBeNull().ShouldContain("would drop '@db hard nproc 4096'");
        ExistingSettings.Problem(FixKind.Limits, admin, "@db hard nproc 4096\n* soft nofile 65536\n", "x").ShouldNotBeNull()
            .ShouldContain("would drop '* hard nofile 65536'", customMessage: "'-' sets both limits; keeping only soft drops hard");
        ExistingSettings.Problem(FixKind.Limits, admin, "@db hard nproc 4096\n* - nofile 4096\n", "x").ShouldNotBeNull()
            .ShouldContain("would lower or change '* soft nofile 65536' (the fix writes 4096), '* hard nofile 65536' (the fix writes 4096)");
    }

    [Fact]
    public void A_systemd_list_setting_counts_once_per_line_and_a_raised_limit_passes()
    {
        const string admin = "[Service]\nCapabilityBoundingSet=\nCapabilityBoundingSet=CAP_NET_BIND_SERVICE\nLimitNOFILE=1024:4096\n";
        ExistingSettings.Problem(FixKind.SystemdDropIn, admin, "[Service]\nLimitNOFILE=65536\n", "x").ShouldNotBeNull()
            .ShouldContain("would drop [Service] CapabilityBoundingSet=, [Service] CapabilityBoundingSet=CAP_NET_BIND_SERVICE:");
        ExistingSettings.Problem(FixKind.SystemdDropIn, "[Service]\nLimitNOFILE=1024:4096\nMemoryMax=1G\n", "[Service]\nLimitNOFILE=2048\nMemoryMax=2G\n", "x").ShouldNotBeNull()
            .ShouldContain("would lower or change [Service] LimitNOFILE=1024:4096 (the fix writes 2048)");
        ExistingSettings.Problem(FixKind.SystemdDropIn, "[Service]\nLimitNOFILE=1024:4096\nMemoryMax=1G\n", "[Service]\nLimitNOFILE=4096\nMemoryMax=infinity\n", "x").ShouldBeNull();
    }

    [Fact]
    public void Only_a_file_whose_first_line_names_this_playbook_is_its_own()
    {
        ExistingSettings.WrittenBy("# tcp-backlog: old\n", "# tcp-backlog: new\n", "tcp-backlog").ShouldBeTrue();
        ExistingSettings.WrittenBy("# tcp-backlog: old\n", "# other: new\n", "tcp-backlog").ShouldBeFalse("the new content must claim it too");
        ExistingSettings.WrittenBy("# hardening\n# tcp-backlog: old\n", "# tcp-backlog: new\n", "tcp-backlog").ShouldBeFalse("the marker is the first line only");
        ExistingSettings.WrittenBy("# other: old\n", "# other: new\n", "tcp-backlog").ShouldBeFalse("another playbook's file is another party's");
    }

    [Fact]
    public void A_file_in_a_folder_no_check_knows_keeps_every_line() =>
        ExistingSettings.Problem(FixKind.Repository, "worker_connections 4096;\n", "# x: new\nworker_connections 8192;\n", "x").ShouldNotBeNull()
            .ShouldContain("would drop 'worker_connections 4096;'");
}
