namespace NetBufRules.Model;

/// <summary>Which processes a <c>processes</c> source lists, by network namespace.</summary>
internal enum ProcessScope
{
    /// <summary>Every process (<c>processes: true</c>).</summary>
    All,

    /// <summary>Only processes in the tool's own network namespace (<c>netns: current</c>).</summary>
    Current,

    /// <summary>
    /// Every process when the tool shares PID 1's network namespace (a host, or a container with its own PID
    /// namespace), else only those of the tool's namespace (an <c>ip netns exec</c> session on a shared PID space).
    /// </summary>
    Auto,
}
