using System.Runtime.CompilerServices;

namespace NetBufRules.Model;

/// <summary>Where raw probe output comes from; <see cref="Key"/> identifies it so it is read once per sample.</summary>
internal abstract record SourceSpec
{
    /// <summary>Identity shared by every probe that reads the same thing.</summary>
    public abstract string Key { get; }

    /// <summary>How the source reads to a person.</summary>
    public abstract string Describe();

    /// <summary>True for a source that watches the whole sampling window: sample 0 starts it, sample 1 ends it and holds the value.</summary>
    public virtual bool SpansWindow => false;
}

/// <summary>A program run as an argv list (never a shell).</summary>
internal sealed record CommandSource(IReadOnlyList<string> Argv) : SourceSpec
{
    // Worked out once per source, not on every read of every host of a fleet; kept by identity (a record's equality
    // compares its argv, and a cache must not take part in it).
    private static readonly ConditionalWeakTable<CommandSource, string> Keys = new(), Descriptions = new();

    public override string Key => Keys.GetValue(this, static s => "cmd:" + string.Join('\u0001', s.Argv));

    public override string Describe() => Descriptions.GetValue(this, static s => string.Join(' ', s.Argv));
}

/// <summary>A file read directly, usually under /proc or /sys.</summary>
internal sealed record FileSource(string Path) : SourceSpec
{
    private static readonly ConditionalWeakTable<FileSource, string> Keys = new();

    public override string Key => Keys.GetValue(this, static s => "file:" + s.Path);

    public override string Describe() => Path;
}

/// <summary>Built-in table of processes: pid, command, open fds, nofile limits and systemd unit, limited by <see cref="Scope"/>.</summary>
internal sealed record ProcessesSource(ProcessScope Scope = ProcessScope.All) : SourceSpec
{
    // "processes" alone stays the key of the whole table, so snapshots recorded before scopes existed still replay.
    public override string Key => Scope switch
    {
        ProcessScope.Current => "processes:netns=current",
        ProcessScope.Auto => "processes:netns=auto",
        _ => "processes",
    };

    public override string Describe() => Scope switch
    {
        ProcessScope.Current => "/proc/*/{comm,fd,limits,cgroup} (this network namespace)",
        ProcessScope.Auto => "/proc/*/{comm,fd,limits,cgroup} (this network namespace unless it is PID 1's)",
        _ => "/proc/*/{comm,fd,limits,cgroup}",
    };
}
