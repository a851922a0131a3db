namespace NetBufRules.Probe;

/// <summary>Whether a probe gave a value.</summary>
public enum ProbeStatus
{
    Ok,
    Skipped,
}
