using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Cli;

public sealed class ExplainCommandTests
{
    [Theory]
    [InlineData("tcp-backlog")]
    [InlineData("socket-buffers")]
    [InlineData("file-descriptors")]
    [InlineData("memory-pressure")]
    [InlineData("tcp-memory")]
    [InlineData("nic-drops")]
    public async Task Explain_says_what_the_cause_is_how_it_is_diagnosed_the_fix_and_why(string id)
    {
        var (code, output, _) = await CliRunner.Run("explain", id);
        code.ShouldBe(0);
        output.ShouldStartWith($"{id}: ");
        foreach (var section in new[] { "WHAT IT IS", "HOW IT IS DIAGNOSED", "fires when any of:", "THE FIX", "WHY IT WORKS" })
            output.ShouldContain(section);
    }

    [Fact]
    public async Task Explain_of_an_unknown_id_suggests_the_near_one()
    {
        var (code, _, error) = await CliRunner.Run("explain", "tcp-backlo");
        code.ShouldBe(2);
        error.ShouldBe("netbufrules: no playbook 'tcp-backlo' (did you mean 'tcp-backlog'?)\n");
    }

    [Fact]
    public async Task Explain_output_is_pinned_for_tcp_backlog()
    {
        var (_, output, _) = await CliRunner.Run("explain", "tcp-backlog");
        GoldenFile.Match(Path.Combine(Repo.Golden, "explain-tcp-backlog.out.txt"), output);
    }
}
