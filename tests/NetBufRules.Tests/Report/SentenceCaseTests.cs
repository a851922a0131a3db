using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Report;

/// <summary>
/// Text and markdown start each finding's sentence with a capital, but never by changing a name: a file and place
/// (<c>f12.yaml:16:15</c>), a sysctl or a probe stays as written, as JSON has it.
/// </summary>
public sealed class SentenceCaseTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("nbr-sentence-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Playbook(string message)
    {
        var path = Path.Combine(_dir.FullName, "f12.yaml");
        File.WriteAllText(path, $$$"""
            apiVersion: netbufrules/v1
            id: rt-f12
            title: Sentence case
            severity: info
            summary: s
            why: w
            probes:
              somaxconn:
                sysctl: net.core.somaxconn
                extract: { regex: '^(?<value>\d)' }
            when:
              - if: somaxconn > 0
                message: '{{{message}}}'
            """);
        return path;
    }

    [Theory]
    [InlineData("text", "net.core.somaxconn is {{ somaxconn }}", "net.core.somaxconn is 4")]
    [InlineData("markdown", "net.core.somaxconn is {{ somaxconn }}", "net.core.somaxconn is 4")]
    [InlineData("text", "f12.yaml:16:15 says {{ somaxconn }}", "f12.yaml:16:15 says 4")]
    [InlineData("text", "somaxconn_now {{ somaxconn }}", "somaxconn_now 4")]
    [InlineData("text", "the accept queue holds {{ somaxconn }}", "The accept queue holds 4")]
    [InlineData("markdown", "the accept queue holds {{ somaxconn }}", "The accept queue holds 4")]
    public async Task A_sentence_gets_a_capital_unless_it_starts_with_a_name(string format, string message, string expected)
    {
        var file = Playbook(message);
        var (_, output, _) = await CliRunner.Run("run", file, "--interval", "0", "--format", format, "--no-color");
        output.ShouldContain(expected, Case.Sensitive);
    }
}
