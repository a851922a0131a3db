using NetBufRules.Model;

namespace NetBufRules.Watch;

/// <summary>
/// Which sources <c>watch</c> reads on its slow cadence. Inferred from the source, so no playbook has to say it: the
/// process table (every /proc/PID/fd and limits) and the kernel log (dmesg, journalctl) cost far more than a counter
/// file, and change meaning slowly (a process nears its limit, a log line stays for an hour).
/// </summary>
internal static class ProbeCost
{
    private static readonly HashSet<string> ExpensiveCommands = new(StringComparer.Ordinal) { "dmesg", "journalctl" };

    /// <summary>True for the process table and the kernel log.</summary>
    public static bool IsExpensive(SourceSpec source) => source switch
    {
        ProcessesSource => true,
        CommandSource command => ExpensiveCommands.Contains(Path.GetFileName(command.Argv[0])),
        _ => false,
    };
}
