namespace NetBufRules.Evaluate.Evidence;

/// <summary>What a piece of evidence counts: it decides how a number is written for people and its JSON <c>unit</c>.</summary>
internal enum EvidenceUnit
{
    /// <summary>A plain number with no unit (a factor, a setting that counts nothing in particular).</summary>
    Number,

    /// <summary>A number of things: events, sockets, entries.</summary>
    Count,

    /// <summary>Bytes.</summary>
    Bytes,

    /// <summary>Kernel pages (tcp_mem, udp_mem, sockstat mem): written as bytes too, with pages of 4096 bytes.</summary>
    Pages,

    /// <summary>Kibibytes (vm.min_free_kbytes): written as bytes too.</summary>
    Kibibytes,

    /// <summary>Events per second over the sampling window.</summary>
    PerSecond,

    /// <summary>Seconds.</summary>
    Seconds,

    /// <summary>A share between 0 and 1.</summary>
    Ratio,

    /// <summary>Text: a name, a verdict, a sentence.</summary>
    Text,
}
