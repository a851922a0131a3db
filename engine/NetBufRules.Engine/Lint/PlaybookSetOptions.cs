using System.Reflection;
using NetBufRules.Packs;

namespace NetBufRules.Lint;

/// <summary>What to load into a <see cref="PlaybookSet"/>: paths and packs, the repository config, the selection.</summary>
internal sealed record PlaybookSetOptions
{
    /// <summary>Playbook files, folders (packs), and the word <c>builtin</c> for the built-in pack.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>With no path: the built-in pack (run, collect, explain, fix, watch) or the current folder (lint, test).</summary>
    public bool BuiltInWhenNoPath { get; init; } = true;

    /// <summary>The repository config named with <c>--config</c>; null: <c>.netbufrules.yaml</c> beside the paths or in a parent.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Which playbooks are kept (<c>--only</c>, <c>--skip</c>, <c>--tags</c>, disabled by a profile).</summary>
    public PlaybookSelection Selection { get; init; } = PlaybookSelection.All;

    /// <summary>This engine's version, which a pack's <c>engine:</c> requirement is checked against.</summary>
    public string EngineVersion { get; init; } = Current;

    /// <summary>The version the build gives every assembly (Directory.Build.props), without the build metadata (+commit).</summary>
    public static string Current { get; } =
        (typeof(PlaybookSetOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
