namespace NetBufRules.Diagnostics;

/// <summary>Collects problems so that every one is reported at once.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.Severity == DiagnosticSeverity.Error);

    public void Error(SourcePosition at, string code, string message, string? hint = null) =>
        _items.Add(new Diagnostic(at, DiagnosticSeverity.Error, code, message, hint));

    public void Warning(SourcePosition at, string code, string message, string? hint = null) =>
        _items.Add(new Diagnostic(at, DiagnosticSeverity.Warning, code, message, hint));

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>Problems sorted by file, line and column.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.Position.File, StringComparer.Ordinal).ThenBy(d => d.Position.Line).ThenBy(d => d.Position.Column)];
}
