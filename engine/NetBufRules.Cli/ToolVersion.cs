using System.Reflection;

namespace NetBufRules.Cli;

/// <summary>This tool's version, from one place: the Cli project's &lt;Version&gt; (packs' <c>engine:</c> requirements are checked against it).</summary>
internal static class ToolVersion
{
    /// <summary>MAJOR.MINOR.PATCH[-pre], without the build metadata the SDK appends (+commit).</summary>
    public static string Current { get; } =
        (typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
