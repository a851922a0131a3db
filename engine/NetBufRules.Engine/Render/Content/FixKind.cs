namespace NetBufRules.Render.Content;

/// <summary>The kinds of file a fix may write, told apart by the path.</summary>
internal enum FixKind
{
    /// <summary><c>/etc/sysctl.d/NAME.conf</c>: <c>key = value</c> lines.</summary>
    Sysctl,

    /// <summary><c>/etc/security/limits.d/NAME.conf</c>: <c>domain type item value</c> lines.</summary>
    Limits,

    /// <summary><c>/etc/systemd/system/UNIT.service.d/NAME.conf</c>: a <c>[Service]</c> section of <c>Key=Value</c>.</summary>
    SystemdDropIn,

    /// <summary>A directory a repository's <c>.netbufrules.yaml</c> added: only the drop-in shape is checked.</summary>
    Repository,
}
