using NetBufRules.Cli;
using NetBufRules.Probe;

namespace NetBufRules.Tests.Support;

/// <summary>Runs the CLI in-process and returns (ExitCode, Out, Error).</summary>
internal static class CliRunner
{
    public static readonly HostInfo FixedHost = new("testhost", "6.18.0-test", new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), true, "net:[4026531840]");

    public static async Task<(int ExitCode, string Out, string Error)> Run(params string[] args) => await Run(null, args);

    public static async Task<(int ExitCode, string Out, string Error)> Run(ISourceReader? reader, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new CliHost(output, error, () => reader ?? new LiveSourceReader(), reader is null ? HostInfo.Current : () => FixedHost, Color: false);
        var code = await new CliApp(host).RunAsync(args);
        return (code, output.ToString(), error.ToString());
    }
}
