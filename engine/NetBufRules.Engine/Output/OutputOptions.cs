namespace NetBufRules.Output;

/// <summary>How a format writes: colour (text on a terminal), every detail, only the summary line, only the hosts that fired.</summary>
/// <param name="Color">ANSI colour in the text report.</param>
/// <param name="Verbose">Every result with its full evidence, skipped probes and notes.</param>
/// <param name="Quiet">Only the summary line (the exit code says the rest), for scripts.</param>
/// <param name="OnlyFired">A fleet: list only the hosts where something fired.</param>
internal sealed record OutputOptions(bool Color = false, bool Verbose = false, bool Quiet = false, bool OnlyFired = false)
{
    /// <summary>The defaults: no colour, the 3 am report.</summary>
    public static readonly OutputOptions Default = new();
}
