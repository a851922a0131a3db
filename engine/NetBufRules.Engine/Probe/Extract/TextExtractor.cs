namespace NetBufRules.Probe.Extract;

/// <summary>The whole output, trimmed.</summary>
internal static class TextExtractor
{
    public static ScalarValue Extract(string output)
    {
        var text = output.Trim();
        if (text.Length == 0) throw new ExtractException("the output was empty");
        return new ScalarValue(Cell.Parse(text));
    }
}
