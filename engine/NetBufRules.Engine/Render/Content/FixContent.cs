namespace NetBufRules.Render.Content;

/// <summary>Checks a fix's whole content, line by line, against what its kind of file may hold.</summary>
internal static class FixContent
{
    /// <summary>
    /// Every line of <paramref name="content"/> that <paramref name="target"/>'s file may not hold. When
    /// <paramref name="rendered"/>, a sysctl must also have been measured by the run, so it is shown not to be lowered.
    /// </summary>
    public static IReadOnlyList<ContentViolation> Check(FixTarget target, string content, Measurements measured, bool rendered = true)
    {
        var checker = new LineChecker(target, measured, rendered);
        var violations = new List<ContentViolation>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (checker.Line(lines[i]) is { } problem) violations.Add(problem with { Line = i + 1 });
        }
        violations.AddRange(checker.End());
        return violations;
    }
}
