using NetBufRules.Render.Content;

namespace NetBufRules.Tests.Render;

/// <summary>
/// A fix may only raise, so a limits.d or systemd limit it cannot compare with a measured value is refused (unknown is
/// refused), and one it can compare is never below the highest limit of the processes it governs.
/// </summary>
public sealed class FixMeasuredLimitsTests
{
    private static readonly FixTarget Limits = new(FixKind.Limits, null);
    private static readonly FixTarget Ssh = new(FixKind.SystemdDropIn, "ssh.service");

    // Processes here run with hard limits of 20000 to 32768 (the red team's host).
    private static readonly Measurements Host = Measurements.None with
    {
        LoginNofile = new Dictionary<string, (double Soft, double Hard)> { ["*"] = (20000, 32768), ["root"] = (20000, 32768) },
        ServiceHardNofile = new Dictionary<string, double> { ["ssh.service"] = 524288 },
    };

    [Theory]
    [InlineData("* hard nofile 1024", "* hard nofile 1024 would lower the hard open-files limit 32768 that processes have now")]
    [InlineData("root hard nofile 1024", "root hard nofile 1024 would lower the hard open-files limit 32768 that root's processes have now")]
    [InlineData("* soft nofile 1024", "* soft nofile 1024 would lower the soft open-files limit 20000 that processes have now")]
    [InlineData("* - nofile 30000", "* - nofile 30000 would lower the hard open-files limit 32768 that processes have now")]
    public void A_limits_d_line_below_what_the_domains_processes_have_now_is_refused(string line, string message) =>
        FixContent.Check(Limits, line + "\n", Host).ShouldHaveSingleItem().Message.ShouldBe(message);

    [Fact]
    public void A_limits_d_line_at_or_above_the_domains_limits_passes() =>
        FixContent.Check(Limits, "* soft nofile 20000\n* hard nofile 65536\nroot - nofile 65536\n", Host).ShouldBeEmpty();

    [Theory]
    [InlineData("www-data hard nofile 65536", "the fix sets the nofile limit of 'www-data', but the run cannot tell which processes are that user's")]
    [InlineData("@web hard nofile 65536", "the fix sets the nofile limit of '@web', but the run cannot tell which processes are that group's")]
    public void A_limits_d_domain_the_run_cannot_measure_is_refused(string line, string message) =>
        FixContent.Check(Limits, line + "\n", Host).ShouldHaveSingleItem().Message.ShouldStartWith(message);

    [Fact]
    public void A_limits_d_line_without_any_measured_process_is_refused() =>
        FixContent.Check(Limits, "* hard nofile 65536\n", Measurements.None).ShouldHaveSingleItem().Message
            .ShouldStartWith("the fix sets the * nofile limit, but the run measured no process of that domain");

    [Fact]
    public void LimitNOFILE_for_a_unit_with_no_measured_process_is_refused()
    {
        var nginx = new FixTarget(FixKind.SystemdDropIn, "nginx.service");
        FixContent.Check(nginx, "[Service]\nLimitNOFILE=1024\n", Host).ShouldHaveSingleItem().Message
            .ShouldStartWith("the fix sets LimitNOFILE= for nginx.service, but the run measured no process of that unit");
        FixContent.Check(Ssh, "[Service]\nLimitNOFILE=524288\n", Host).ShouldBeEmpty();
        FixContent.Check(Ssh, "[Service]\nLimitNOFILE=65536\n", Host).ShouldHaveSingleItem().Message.ShouldContain("would lower the hard open-files limit 524288");
    }

    [Theory]
    [InlineData("MemoryHigh=256M")]
    [InlineData("MemoryHigh=infinity")]
    public void MemoryHigh_is_refused_since_no_probe_measures_it(string line) =>
        FixContent.Check(Ssh, $"[Service]\n{line}\n", Host).ShouldHaveSingleItem().Message
            .ShouldStartWith("the fix sets MemoryHigh= for ssh.service, but the run does not measure a unit's memory.high");

    [Fact]
    public void The_checks_before_a_host_is_probed_do_not_refuse_what_only_a_measurement_can_decide() =>
        FixContent.Check(Limits, "www-data hard nofile 65536\n", Measurements.None, rendered: false).ShouldBeEmpty();
}
