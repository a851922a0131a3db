using NetBufRules.Probe;

namespace NetBufRules.Cli;

/// <summary>What the CLI touches outside itself: output streams, the host to probe, and whether colour is wanted.</summary>
internal sealed record CliHost(TextWriter Out, TextWriter Error, Func<ISourceReader> Reader, Func<HostInfo> Host, bool Color)
{
    /// <summary>The real console and machine; colour only on a terminal and never with NO_COLOR.</summary>
    public static CliHost Real() => new(
        Console.Out,
        Console.Error,
        () => new LiveSourceReader(),
        HostInfo.Current,
        !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") != "dumb");
}
