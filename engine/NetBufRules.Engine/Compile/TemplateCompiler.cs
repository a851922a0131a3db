using NetBufRules.Diagnostics;
using NetBufRules.Model;
using Scriban;

namespace NetBufRules.Compile;

/// <summary>Parses Scriban templates, mapping syntax errors (0-based spans) to playbook lines and columns.</summary>
internal static class TemplateCompiler
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Template> Parsed = new(StringComparer.Ordinal);

    /// <summary>The parsed template and its syntax errors with file positions.</summary>
    public static (Template Template, IReadOnlyList<Diagnostic> Errors) Compile(LocatedText text)
    {
        if (text.Text.Length > Primitives.Limits.TemplateChars)
        {
            return (Template.Parse(""), [new Diagnostic(text.Start, DiagnosticSeverity.Error, Codes.TemplateTooLarge,
                $"the template is {text.Text.Length:N0} characters long, more than the limit of {Primitives.Limits.TemplateChars:N0}",
                "a fix is a few lines of config; move long prose to 'why'")]);
        }
        // Parsed once per text: validation, the dry run and every render share it (a Template renders concurrently).
        var template = Parsed.GetOrAdd(text.Text, t => Template.Parse(t));
        var errors = template.Messages
            .Where(m => m.Type == Scriban.Parsing.ParserMessageType.Error)
            .Select(m => new Diagnostic(text.At(m.Span.Start.Line + 1, m.Span.Start.Column + 1), DiagnosticSeverity.Error, Codes.TemplateSyntax,
                $"template syntax: {m.Message}", "templates are Scriban: {{ name }}, {{ max a b }}, {{ for r in rows }}...{{ end }}"))
            .ToList();
        return (template, errors);
    }

    /// <summary>Maps a render error's 0-based line and column (negative: unknown) back to the file.</summary>
    public static SourcePosition PositionOf(LocatedText text, int line, int column) =>
        line >= 0 ? text.At(line + 1, column + 1) : text.Start;
}
