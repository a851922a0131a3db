namespace NetBufRules.Output;

/// <summary>Every output format by name: <c>--format</c> takes its choices from here.</summary>
internal static class OutputFormats
{
    /// <summary>The formats in the order <c>--help</c> lists them; the first is the default.</summary>
    public static readonly IReadOnlyList<IOutputFormat> All =
    [
        new TextFormat(),
        new JsonFormat(),
        new PrometheusFormat(),
        new MarkdownFormat(),
        new HtmlFormat(),
    ];

    /// <summary>The names <c>--format</c> accepts.</summary>
    public static IReadOnlyList<string> Names => [.. All.Select(f => f.Name)];

    /// <summary>The format called <paramref name="name"/>, or null.</summary>
    public static IOutputFormat? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}
