using NetBufRules.Render.Content;

namespace NetBufRules.Tests.Render;

/// <summary>
/// The kernel parses a sysctl integer with base 0 (010 is 8, 0x10 is 16), so a fix writes plain decimal only: a
/// never-lower check that read 07777777 as decimal let the kernel apply 2097151, below the 4194304 there.
/// </summary>
public sealed class CanonicalNumberTests
{
    private static readonly FixTarget Sysctl = new(FixKind.Sysctl, null);
    private static readonly FixTarget Limits = new(FixKind.Limits, null);
    private static readonly FixTarget Nginx = new(FixKind.SystemdDropIn, "nginx.service");

    private static readonly Measurements Host = Measurements.None with
    {
        Sysctls = new Dictionary<string, IReadOnlyList<double>> { ["net.core.rmem_max"] = [4194304] },
        LoginNofile = new Dictionary<string, (double Soft, double Hard)> { ["*"] = (1024, 4096) },
        ServiceHardNofile = new Dictionary<string, double> { ["nginx.service"] = 4096 },
    };

    [Theory]
    [InlineData("07777777", " (the kernel reads it as 2097151)")]
    [InlineData("0x7fffffff", " (the kernel reads it as 2147483647)")]
    [InlineData("+8388608", " (the kernel reads it as 8388608)")]
    [InlineData("1e7", "")]
    [InlineData("8_388_608", "")]
    [InlineData("８３８８６０８", "")]
    public void A_sysctl_value_that_is_not_plain_decimal_is_refused_with_what_the_kernel_would_read(string value, string kernel) =>
        FixContent.Check(Sysctl, $"net.core.rmem_max = {value}\n", Host).ShouldHaveSingleItem().Message
            .ShouldBe($"net.core.rmem_max = {value}: '{value}' is not a plain decimal number{kernel}");

    [Fact]
    public void Plain_decimal_passes() =>
        FixContent.Check(Sysctl, "net.core.rmem_max = 8388608\n", Host).ShouldBeEmpty();

    [Theory]
    [InlineData("065536")]
    [InlineData("0x10000")]
    [InlineData("٦٥٥٣٦")]
    public void An_open_files_limit_that_is_not_plain_decimal_is_refused(string value)
    {
        FixContent.Check(Limits, $"* hard nofile {value}\n", Host).ShouldHaveSingleItem().Message.ShouldContain("is not a plain decimal number");
        FixContent.Check(Nginx, $"[Service]\nLimitNOFILE={value}\n", Host).ShouldHaveSingleItem().Message.ShouldContain("is not a plain decimal number");
    }

    [Theory]
    [InlineData("0512M")]
    [InlineData("٥١٢M")]
    public void A_memory_size_that_is_not_plain_decimal_is_refused(string value) =>
        FixContent.Check(Nginx, $"[Service]\nMemoryMax={value}\n", Host).ShouldHaveSingleItem().Message.ShouldBe($"MemoryMax={value} is not a plain decimal size");

    [Theory]
    [InlineData("010", 8)]
    [InlineData("0x10", 16)]
    [InlineData("10", 10)]
    [InlineData("-5", -5)]
    [InlineData("0", 0)]
    public void A_value_in_a_file_is_read_as_the_kernel_reads_it(string text, int expected)
    {
        CanonicalNumber.TryParseKernel(text, out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("08")]
    [InlineData("1e3")]
    [InlineData("")]
    [InlineData("٣")]
    public void A_value_the_kernel_would_refuse_is_not_read(string text) =>
        CanonicalNumber.TryParseKernel(text, out _).ShouldBeFalse();
}
