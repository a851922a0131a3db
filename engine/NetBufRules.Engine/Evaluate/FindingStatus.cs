namespace NetBufRules.Evaluate;

/// <summary>The verdict on one playbook.</summary>
internal enum FindingStatus
{
    /// <summary>The symptom is on the host.</summary>
    Fired,

    /// <summary>Configuration below the recommendation, no symptom now.</summary>
    Advice,

    /// <summary>Checked and healthy.</summary>
    Ok,

    /// <summary>Could not be evaluated here (missing tool, permission, not applicable in this namespace).</summary>
    Skipped,

    /// <summary>The playbook or a probe is broken.</summary>
    Error,
}
