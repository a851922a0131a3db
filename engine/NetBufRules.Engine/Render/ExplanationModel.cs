using NetBufRules.Evaluate;
using NetBufRules.Model;
using Scriban.Runtime;

namespace NetBufRules.Render;

/// <summary>
/// The template's <c>explained_by</c>: lists <c>fired</c>, <c>ruled_out</c> and <c>unchecked</c> (each "id" or
/// "id (why)"), so a message can say what explained a symptom, what was ruled out and what could not be checked.
/// </summary>
internal static class ExplanationModel
{
    public static ScriptObject Of(Explanation explanation) => new()
    {
        ["fired"] = new ScriptArray(explanation.Fired),
        ["ruled_out"] = new ScriptArray(explanation.RuledOut),
        ["unchecked"] = new ScriptArray(explanation.Unchecked),
    };

    /// <summary>For the dry render: every explaining id in each list, so loops and joins are exercised.</summary>
    public static ScriptObject Shape(Playbook playbook)
    {
        var ids = playbook.ExplainedBy.Select(r => r.Id).ToList();
        return Of(new Explanation(ids, ids, ids));
    }
}
