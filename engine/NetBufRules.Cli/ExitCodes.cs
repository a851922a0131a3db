namespace NetBufRules.Cli;

/// <summary>The process exit codes, as documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>Nothing fired.</summary>
    public const int Ok = 0;

    /// <summary>At least one cause fired.</summary>
    public const int Fired = 1;

    /// <summary>Usage error, or unreadable or invalid playbooks.</summary>
    public const int Usage = 2;

    /// <summary>fix: a step failed, or the verification did, and everything was put back; or a step was refused.</summary>
    public const int RolledBack = 4;
}
