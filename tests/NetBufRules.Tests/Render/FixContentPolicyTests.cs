using NetBufRules.Render.Content;

namespace NetBufRules.Tests.Render;

/// <summary>The fix content policy's rules one by one: names, values, bounds and what "never lower" means per field.</summary>
public sealed class FixContentPolicyTests
{
    private static readonly FixTarget Sysctl = new(FixKind.Sysctl, null);
    private static readonly FixTarget Limits = new(FixKind.Limits, null);
    private static readonly FixTarget Nginx = new(FixKind.SystemdDropIn, "nginx.service");

    private static Measurements Measured(string key, params double[] fields) =>
        Measurements.None with { Sysctls = new Dictionary<string, IReadOnlyList<double>> { [key] = fields } };

    [Theory]
    [InlineData("nginx.service", true)]
    [InlineData("user@1000.service", true)]
    [InlineData("getty@tty1.service", true)]
    [InlineData(@"dev-disk-by\x2duuid.service", true)]
    [InlineData("nginx", false)]
    [InlineData("nginx.socket", false)]
    [InlineData(".service", false)]
    [InlineData("a b.service", false)]
    [InlineData("../x.service", false)]
    [InlineData("x.unknown", false)]
    public void A_drop_in_belongs_only_to_a_service_named_as_systemd_names_units(string unit, bool allowed) =>
        UnitName.IsService(unit).ShouldBe(allowed);

    [Theory]
    [InlineData("nginx.service", null)]
    [InlineData("4096", null)]
    [InlineData("..", "'..'")]
    [InlineData("a/b", "'/'")]
    [InlineData("a b", "whitespace")]
    [InlineData("", "empty")]
    [InlineData("a\u202eb", "U+202E")]
    [InlineData("a\u0085b", "U+0085")]
    public void A_path_value_is_one_name(string value, string? problem)
    {
        var found = InterpolationGuard.PathProblem(value);
        if (problem is null) found.ShouldBeNull();
        else found.ShouldNotBeNull().ShouldContain(problem);
    }

    [Fact]
    public void A_content_value_may_hold_spaces_and_punctuation_but_no_control_character()
    {
        InterpolationGuard.ContentProblem("nginx: worker process").ShouldBeNull();
        InterpolationGuard.ContentProblem("a\rb").ShouldNotBeNull().ShouldContain("U+000D");
        InterpolationGuard.ContentProblem(new string('x', 300)).ShouldBeNull();
    }

    [Fact]
    public void Each_field_of_a_triple_is_compared_with_its_own_current_value()
    {
        var measured = Measured("net.ipv4.tcp_rmem", 4096, 131072, 33554432);
        FixContent.Check(Sysctl, "net.ipv4.tcp_rmem = 4096 131072 33554432\n", measured).ShouldBeEmpty();
        FixContent.Check(Sysctl, "net.ipv4.tcp_rmem = 4096 87380 33554432\n", measured).ShouldHaveSingleItem().Message
            .ShouldBe("net.ipv4.tcp_rmem = 4096 87380 33554432 would lower field 2 the current 4096 131072 33554432");
    }

    [Fact]
    public void A_value_already_above_the_ceiling_may_be_kept_but_not_raised_further()
    {
        var measured = Measured("net.core.somaxconn", 4_194_304);
        FixContent.Check(Sysctl, "net.core.somaxconn = 4194304", measured).ShouldBeEmpty();
        FixContent.Check(Sysctl, "net.core.somaxconn = 4194305", measured).ShouldHaveSingleItem().Code.ShouldBe("NBR042");
    }

    [Theory]
    [InlineData("-net.core.somaxconn = 4096", "NBR041")]
    [InlineData("net/core/somaxconn = 4096", "NBR041")]
    [InlineData("net.core.somaxconn = -1", "NBR042")]
    [InlineData("net.core.somaxconn = 4096 4096", "NBR042")]
    [InlineData("net.core.somaxconn = 1e9", "NBR042")]
    [InlineData("net.core.somaxconn = 4096\u000b", "NBR041")]
    public void A_sysctl_line_is_an_allowed_name_and_whole_numbers(string line, string code) =>
        FixContent.Check(Sysctl, line, Measured("net.core.somaxconn", 128)).ShouldHaveSingleItem().Code.ShouldBe(code);

    [Fact]
    public void A_dash_sets_both_limits_so_it_counts_for_soft_and_hard()
    {
        var logins = Measurements.None with { LoginNofile = new Dictionary<string, (double Soft, double Hard)> { ["*"] = (1024, 4096) } };
        FixContent.Check(Limits, "*  -  nofile  65536\n*  hard  nofile  65536\n", logins).ShouldBeEmpty();
        FixContent.Check(Limits, "*  -  nofile  65536\n*  hard  nofile  4096\n", logins).ShouldHaveSingleItem().Message.ShouldContain("above its hard limit");
    }

    [Fact]
    public void A_systemd_setting_outside_the_service_section_is_refused()
    {
        FixContent.Check(Nginx, "LimitNOFILE=65536\n", Measurements.None).ShouldHaveSingleItem().Message.ShouldBe("LimitNOFILE= comes before the [Service] section");
        FixContent.Check(Nginx, "[Service]\nMemoryMax=infinity\nMemoryHigh=4G\nLimitNOFILE=65536\n", Measurements.None, rendered: false).ShouldBeEmpty();
    }

    [Fact]
    public void A_service_limit_is_compared_with_the_hard_limit_its_processes_have_now()
    {
        var measured = Measurements.None with { ServiceHardNofile = new Dictionary<string, double> { ["nginx.service"] = 524288 } };
        FixContent.Check(Nginx, "[Service]\nLimitNOFILE=524288", measured).ShouldBeEmpty();
        FixContent.Check(Nginx, "[Service]\nLimitNOFILE=65536", measured).ShouldHaveSingleItem().Code.ShouldBe("NBR042");
    }

    [Fact]
    public void MemoryMax_is_refused_when_the_run_did_not_read_the_units_limit_now_except_infinity()
    {
        FixContent.Check(Nginx, "[Service]\nMemoryMax=1G", Measurements.None).ShouldHaveSingleItem().Message
            .ShouldBe("the fix sets MemoryMax= for nginx.service, but the run did not measure the unit's current memory limit, so it cannot be shown not to lower it");
        FixContent.Check(Nginx, "[Service]\nMemoryMax=infinity", Measurements.None).ShouldBeEmpty();
    }

    [Fact]
    public void MemoryMax_never_lowers_the_limit_the_units_cgroup_has_now()
    {
        var measured = Measurements.None with { ServiceMemoryMax = new Dictionary<string, double> { ["nginx.service"] = 512L << 20 } };
        FixContent.Check(Nginx, "[Service]\nMemoryMax=512M", measured).ShouldBeEmpty();
        FixContent.Check(Nginx, "[Service]\nMemoryMax=1048576K", measured).ShouldBeEmpty();
        FixContent.Check(Nginx, "[Service]\nMemoryMax=256M", measured).ShouldHaveSingleItem().Message.ShouldBe("MemoryMax=256M would lower the memory limit 536870912 that nginx.service has now");
        var unlimited = Measurements.None with { ServiceMemoryMax = new Dictionary<string, double> { ["nginx.service"] = double.PositiveInfinity } };
        FixContent.Check(Nginx, "[Service]\nMemoryMax=1T", unlimited).ShouldHaveSingleItem().Message.ShouldContain("would lower the memory limit max (none)");
        FixContent.Check(Nginx, "[Service]\nMemoryMax=infinity", unlimited).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/etc/sysctl.d/90-x.conf", FixKind.Sysctl)]
    [InlineData("/etc/security/limits.d/90-x.conf", FixKind.Limits)]
    [InlineData("/etc/systemd/system/nginx.service.d/90-x.conf", FixKind.SystemdDropIn)]
    [InlineData("/etc/systemd/system/nginx.service", null)]
    [InlineData("/etc/systemd/system/nginx.service.d/override", null)]
    [InlineData("/etc/sysctl.d/.hidden.conf", null)]
    [InlineData("/etc/sysctl.conf", null)]
    [InlineData("/etc/security/limits.conf", null)]
    public void The_path_decides_the_kind_and_only_drop_ins_have_one(string path, object? kind) =>
        (FixTarget.Of(path, []).Target?.Kind).ShouldBe((FixKind?)kind); // object: the engine's enums are internal
}
