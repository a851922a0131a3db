using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Hostile;

/// <summary>
/// Fixes written to harm the host are refused when the playbook loads: `run` exits 2 with the place, the code and a
/// hint, and runs nothing. Each case is one of the attacks a playbook that passed `lint --strict` could make before.
/// </summary>
public sealed class FixRefusedAtLoadTests
{
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        {
            "a then that deletes the disk",
            "  - path: /etc/sysctl.d/90-x.conf\n    template: \"net.core.somaxconn = {{ max somaxconn 4096 }}\"\n    then: [rm, -rf, /]",
            "14:11: error NBR043:", "'then' ['rm', '-rf', '/'] is not a command a sysctl fix may run"
        },
        {
            "a new unit file that starts a shell",
            "  - path: /etc/systemd/system/evil.service\n    template: |\n      [Service]\n      ExecStart=/bin/sh -c 'id > /tmp/pwned'\n    then: [systemctl, enable, --now, evil.service]",
            "12:11: error NBR040:", "never a unit file"
        },
        {
            "a drop-in that swaps a service's command",
            "  - path: /etc/systemd/system/nginx.service.d/90-x.conf\n    template: |\n      [Service]\n      ExecStart=/bin/sh -c 'id > /tmp/pwned'\n    then: [systemctl, daemon-reload]",
            "15:7: error NBR041:", "'ExecStart' is not a setting a fix may write"
        },
        {
            "a then that enables and starts a unit",
            "  - path: /etc/systemd/system/nginx.service.d/90-x.conf\n    template: |\n      [Service]\n      LimitNOFILE=65536\n    then: [systemctl, enable, --now, evil.service]",
            "16:11: error NBR043:", "is not a command a systemd drop-in fix may run"
        },
        {
            "a drop-in that adds a [Unit] dependency",
            "  - path: /etc/systemd/system/nginx.service.d/90-x.conf\n    template: |\n      [Unit]\n      Wants=evil.service",
            "14:7: error NBR041:", "section '[Unit]' is not allowed"
        },
        {
            "a drop-in for a target rather than a service",
            "  - path: /etc/systemd/system/multi-user.target.d/90-x.conf\n    template: |\n      [Service]\n      LimitNOFILE=65536",
            "12:11: error NBR040:", "'multi-user.target' is not a service"
        },
        {
            "a .wants link",
            "  - path: /etc/systemd/system/multi-user.target.wants/evil.service\n    template: x",
            "12:11: error NBR040:", "never a unit file, a .wants/ link"
        },
        {
            "a limits line above fs.nr_open that breaks every login",
            "  - path: /etc/security/limits.d/90-x.conf\n    template: |\n      * hard nofile 99999999",
            "14:7: error NBR042:", "* hard nofile 99999999 is above fs.nr_open (1048576"
        },
        {
            "a limits line that lowers everybody's limit",
            "  - path: /etc/security/limits.d/90-x.conf\n    template: |\n      * soft nofile 16",
            "14:7: error NBR042:", "is below 1024"
        },
        {
            "a limits line for another resource",
            "  - path: /etc/security/limits.d/90-x.conf\n    template: |\n      * hard core unlimited",
            "14:7: error NBR041:", "'core' is not a limit a fix may change"
        },
        {
            "a soft limit above the hard one, which fails every login",
            "  - path: /etc/security/limits.d/90-x.conf\n    template: |\n      * hard nofile 65536\n      * soft nofile 131072",
            "15:7: error NBR042:", "soft nofile limit of '*' (131072) is above its hard limit (65536)"
        },
        {
            "a sysctl line that makes a crash run a program",
            "  - path: /etc/sysctl.d/90-x.conf\n    template: |\n      net.core.somaxconn = {{ max somaxconn 4096 }}\n      kernel.core_pattern = |/tmp/evil %p",
            "15:7: error NBR041:", "'kernel.core_pattern' is not a setting a fix may change"
        },
        {
            "a forged line inside a quoted template",
            "  - path: /etc/sysctl.d/90-x.conf\n    template: \"net.core.somaxconn = 4096\\nkernel.core_pattern = |/tmp/evil %p\"",
            "error NBR041:", "'kernel.core_pattern' is not a setting a fix may change"
        },
        {
            "a sysctl that is not a limit",
            "  - path: /etc/sysctl.d/90-x.conf\n    template: |\n      net.ipv4.ip_forward = 1",
            "14:7: error NBR041:", "'net.ipv4.ip_forward' is not a setting a fix may change"
        },
        {
            "a sysctl value that is not a number",
            "  - path: /etc/sysctl.d/90-x.conf\n    template: |\n      net.core.somaxconn = 4096 # comment",
            "14:7: error NBR042:", "is not an integer"
        },
        {
            "a sysctl line continued with a backslash",
            "  - path: /etc/systemd/system/nginx.service.d/90-x.conf\n    template: |\n      [Service]\n      # harmless \\\n      ExecStart=/bin/sh",
            "15:7: error NBR041:", "continuation line"
        },
        {
            "sysctl -p of another file",
            "  - path: /etc/sysctl.d/90-x.conf\n    template: \"net.core.somaxconn = {{ max somaxconn 4096 }}\"\n    then: [sysctl, -p, /tmp/evil.conf]",
            "14:11: error NBR043:", "loads '/tmp/evil.conf', not the file this fix writes"
        },
        {
            "a file beside the drop-ins",
            "  - path: /etc/sysctl.d/sub/90-x.conf\n    template: \"net.core.somaxconn = 4096\"",
            "12:11: error NBR040:", "only a NAME.conf file directly in the directory"
        },
        {
            "a service capped at one kilobyte of memory",
            "  - path: /etc/systemd/system/nginx.service.d/90-x.conf\n    template: |\n      [Service]\n      MemoryMax=1K",
            "15:7: error NBR042:", "MemoryMax=1K is outside 256M..1024T"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_fix_is_refused_at_load_with_its_place_and_a_hint(string attack, string fix, string place, string message)
    {
        using var playbook = new FixHostilePlaybook(fix);
        var (code, output, error) = await CliRunner.Run("run", playbook.File, "--from", Path.Combine(Repo.Snapshots, "netns-healthy.json"));
        code.ShouldBe(2, attack);
        output.ShouldBeEmpty(attack);
        var line = error.Split('\n').FirstOrDefault(l => l.Contains(place, StringComparison.Ordinal) && l.Contains(message, StringComparison.Ordinal));
        line.ShouldNotBeNull($"{attack}: expected '{place} ... {message}' in:\n{error}");
        line.ShouldStartWith(playbook.File + ":", customMessage: attack);
        line.ShouldContain("(hint: ", customMessage: attack);
    }

    [Fact]
    public async Task A_limits_line_may_reach_the_hosts_own_nr_open_when_the_playbook_measures_it()
    {
        using var playbook = new FixHostilePlaybook(
            "  - path: /etc/security/limits.d/90-x.conf\n    template: |\n      *  hard  nofile  2000000",
            probes: "  nr_open:\n    sysctl: fs.nr_open\n");
        var (code, _, error) = await CliRunner.Run("lint", playbook.File);
        error.ShouldNotContain("NBR042");
        code.ShouldBe(0, error);
    }

    [Fact]
    public async Task The_allowed_forms_of_every_kind_load_cleanly()
    {
        using var playbook = new FixHostilePlaybook("""
              - path: /etc/sysctl.d/90-x.conf
                template: |
                  # a comment; blank lines are fine

                  net.core.somaxconn = {{ max somaxconn 4096 }}
                then: [sysctl, -p, /etc/sysctl.d/90-x.conf]
              - path: /etc/security/limits.d/90-x.conf
                template: |
                  *        soft  nofile  65536
                  @web     hard  nofile  524288
                  www-data -     nofile  65536
              - path: /etc/systemd/system/nginx.service.d/90-x.conf
                template: |
                  [Service]
                  LimitNOFILE=524288
                  MemoryMax=infinity
                  MemoryHigh=2G
                then: [systemctl, daemon-reload]
            """);
        var (code, _, error) = await CliRunner.Run("lint", "--strict", playbook.File);
        code.ShouldBe(0, error);
    }
}
