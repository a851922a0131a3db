namespace NetBufRules.Probe;

/// <summary>Whether a probe gave a value.</summary>
internal enum ProbeStatus
{
    Ok,
    Skipped,
}
