using DiffPlex.Renderer;

namespace NetBufRules.Fix;

/// <summary>A step as a unified diff against the file on the target (all lines added for a new file).</summary>
internal static class FixDiff
{
    /// <summary>The unified diff of <paramref name="step"/>; empty when the file already has the content.</summary>
    public static string Of(FixStep step)
    {
        if (step.Action == FixAction.Unchanged) return "";
        var diff = UnidiffRenderer.GenerateUnidiff(step.Current ?? "", step.Fix.Content,
            step.Current is null ? "/dev/null" : step.Target, step.Target, ignoreWhitespace: false, ignoreCase: false, contextLines: 3);
        // A new file's hunk starts at line 0 of the old side (as diff -u and git write it); DiffPlex writes 1.
        return step.Current is null ? diff.Replace("\n@@ -1,0 ", "\n@@ -0,0 ", StringComparison.Ordinal) : diff;
    }
}
