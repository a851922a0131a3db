namespace NetBufRules.Cli;

/// <summary>The process exit codes, as documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Nothing fired.</summary>
    public const int Ok = 0;

    /// <summary>At least one cause fired.</summary>
    public const int Fired = 1;

    /// <summary>Usage error, or unreadable or invalid playbooks.</summary>
    public const int Usage = 2;

    /// <summary>fix: a step failed, or the verification did, and everything was put back; or a step was refused.</summary>
    public const int RolledBack = 4;

    /// <summary>A bug in netbufrules (sysexits' EX_SOFTWARE): never a verdict, never a usage error; the stack is in a crash file.</summary>
    public const int Internal = 70;

    /// <summary>Stopped by SIGINT (Ctrl-C): 128 + 2.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;
}
