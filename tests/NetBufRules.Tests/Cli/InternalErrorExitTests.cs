using NetBufRules.Cli;
using NetBufRules.Probe;

namespace NetBufRules.Tests.Cli;

/// <summary>Whatever command a bug surfaces in, and whatever the exception, the tool exits 70 with one line naming the crash file.</summary>
public sealed class InternalErrorExitTests
{
    public static TheoryData<string, Exception> Bugs(string scratch) => new()
    {
        { "run --interval 0", new InvalidOperationException("a bug") },
        { "run --interval 0", new OperationCanceledException("a timeout that escaped") },
        { "fix --interval 0", new KeyNotFoundException("a missing key") },
        { $"collect --interval 0 -o {scratch}", new OperationCanceledException() },
    };

    public static TheoryData<string, Exception> Cases => Bugs(Path.Combine(Path.GetTempPath(), $"nbr-arch-{Environment.ProcessId}.json"));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bug_exits_70_never_the_usage_code_nor_interrupted(string command, Exception bug)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new CliHost(output, error, () => throw bug, HostInfo.Current, Color: false);
        var code = await new CliApp(host).RunAsync(command.Split(' '), CancellationToken.None);
        var line = error.ToString();
        var crash = line.Contains("details in ", StringComparison.Ordinal) ? line[(line.IndexOf("details in ", StringComparison.Ordinal) + "details in ".Length)..].TrimEnd('\n', ')') : null;
        try
        {
            code.ShouldBe(ExitCodes.Internal, line);
            line.Count(c => c == '\n').ShouldBe(1);
            line.ShouldStartWith($"netbufrules: internal error: {bug.GetType().Name}");
            line.ShouldNotContain("interrupted");
            crash.ShouldNotBeNull();
            (await File.ReadAllTextAsync(crash)).ShouldContain("   at ");
        }
        finally
        {
            if (crash is not null) File.Delete(crash);
        }
    }
}
