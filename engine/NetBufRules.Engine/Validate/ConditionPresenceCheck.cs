using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Validate;

/// <summary>
/// A playbook with no condition at all (<c>when: []</c> and no <c>advise_when</c>) can never fire nor advise, and
/// with a skipped required probe it would have nothing to be unknown about (NBR151). <c>when: []</c> with
/// <c>advise_when</c> is an advice-only playbook, which is fine.
/// </summary>
internal static class ConditionPresenceCheck
{
    /// <summary>The problem, if any, into <paramref name="bag"/>; nothing when a missing 'when' was already reported.</summary>
    public static void Check(Playbook playbook, DiagnosticBag bag)
    {
        if (playbook.When.Count > 0 || playbook.AdviseWhen.Count > 0) return;
        if (bag.Items.Any(d => d.Code == Codes.MissingKey && d.Position == playbook.Position)) return;
        bag.Error(playbook.Position, Codes.NoCondition, "the playbook has no condition: 'when' is empty and there is no 'advise_when', so it can never fire or advise",
            "add the condition that shows the symptom under 'when', or an 'advise_when' for an advice-only playbook");
    }
}
