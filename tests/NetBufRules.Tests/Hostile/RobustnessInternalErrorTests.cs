using NetBufRules.Cli;
using NetBufRules.Probe;

namespace NetBufRules.Tests.Hostile;

/// <summary>A bug in the tool is never mistaken for a verdict or a usage error: exit 70, one line, the stack in a private file.</summary>
public sealed class RobustnessInternalErrorTests
{
    [Fact]
    public async Task An_internal_error_exits_70_with_one_line_naming_a_private_crash_file_that_holds_the_stack()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new CliHost(output, error, () => throw new InvalidOperationException("a bug\nwith a second line\u001b[2J"), HostInfo.Current, Color: false);
        var code = await new CliApp(host).RunAsync(["run", "--interval", "0"]);
        code.ShouldBe(ExitCodes.Internal);
        code.ShouldNotBe(ExitCodes.Usage);
        output.ToString().ShouldBeEmpty();
        var line = error.ToString();
        line.Count(c => c == '\n').ShouldBe(1);
        line.ShouldStartWith(@"netbufrules: internal error: InvalidOperationException: a bug\nwith a second line\x1b[2J (a bug in netbufrules, not a verdict");
        line.ShouldNotContain("   at ");
        var crash = line[(line.IndexOf("details in ", StringComparison.Ordinal) + "details in ".Length)..].TrimEnd('\n', ')');
        try
        {
            File.Exists(crash).ShouldBeTrue(crash);
            if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(crash).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var text = await File.ReadAllTextAsync(crash);
            text.ShouldContain("command: netbufrules run --interval 0");
            text.ShouldContain("with a second line\\x1b[2J");
            text.Where(c => char.IsControl(c) && c is not ('\n' or '\t')).ShouldBeEmpty();
            text.ShouldContain("   at ");
        }
        finally
        {
            File.Delete(crash);
        }
    }
}
