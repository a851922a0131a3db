using System.Text;
using System.Text.Json.Nodes;
using NetBufRules.Diagnostics;
using NetBufRules.Lint;
using NetBufRules.Primitives;
using NetBufRules.Validate;

namespace NetBufRules.Cli;

/// <summary>The lint output formats: text (gcc-style, carets on a terminal), json, SARIF 2.1.0 and GitHub workflow commands.</summary>
internal static class LintWriters
{
    public static string Text(LintResult lint, bool color)
    {
        var sb = new StringBuilder();
        var lines = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var d in lint.Diagnostics)
        {
            var line = d.ToString();
            if (color)
            {
                var word = d.Severity == DiagnosticSeverity.Error ? "\u001b[31;1merror\u001b[0m" : "\u001b[33;1mwarning\u001b[0m";
                line = line.Replace(d.Severity == DiagnosticSeverity.Error ? ": error " : ": warning ", $": {word} ", StringComparison.Ordinal);
            }
            sb.Append(line).Append('\n');
            if (!color || !File.Exists(d.Position.File)) continue;
            if (!lines.TryGetValue(d.Position.File, out var text)) lines[d.Position.File] = text = SourceLines(d);
            if (d.Position.Line < 1 || d.Position.Line > text.Length) continue;
            var source = HostText.Escape(text[d.Position.Line - 1].Replace('\t', ' '));
            sb.Append("  ").Append(source).Append('\n');
            sb.Append("  ").Append(' ', Math.Max(0, d.Position.Column - 1)).Append("\u001b[32;1m^\u001b[0m\n");
        }
        sb.Append($"{lint.Errors} error(s), {lint.Warnings} warning(s) in {lint.Files} file(s)\n");
        return sb.ToString();
    }

    /// <summary>
    /// The lines of the file a diagnostic points at, read under the input-file rules, links not followed for a
    /// refused file: a diagnostic about /proc/kmsg or a config linked to /etc/shadow must not read it to show a line.
    /// </summary>
    private static string[] SourceLines(Diagnostic d)
    {
        if (d.Code is Codes.InputFileRefused or Codes.FileTooLarge or Codes.UntrustedConfig) return [];
        try
        {
            return [.. BoundedFile.ReadText(d.Position.File, Limits.YamlFileBytes).Split('\n').Select(l => l.TrimEnd('\r'))];
        }
        catch (Exception e) when (e is BoundedFileException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public static string Json(LintResult lint)
    {
        var items = new JsonArray();
        foreach (var d in lint.Diagnostics)
        {
            items.Add((JsonNode)new JsonObject
            {
                ["file"] = d.Position.File,
                ["line"] = d.Position.Line,
                ["column"] = d.Position.Column,
                ["severity"] = d.Severity == DiagnosticSeverity.Error ? "error" : "warning",
                ["code"] = d.Code,
                ["message"] = JsonOutput.Sentence(d.Message),
                ["hint"] = JsonOutput.Sentence(d.Hint),
            });
        }
        var root = new JsonObject
        {
            ["diagnostics"] = items,
            ["summary"] = new JsonObject { ["errors"] = lint.Errors, ["warnings"] = lint.Warnings, ["files"] = lint.Files },
        };
        return JsonOutput.EscapeInvisible(root.ToJsonString(JsonOutput.Nodes)) + "\n";
    }

    public static string Sarif(LintResult lint)
    {
        var rules = new JsonArray();
        // The rules come from the one catalogue (Diagnostics/DiagnosticCatalog), as the README's table does.
        foreach (var code in DiagnosticCatalog.All)
        {
            rules.Add((JsonNode)new JsonObject
            {
                ["id"] = code.Id,
                ["name"] = code.Id,
                ["shortDescription"] = new JsonObject { ["text"] = code.Help },
                ["help"] = new JsonObject { ["text"] = code.Help + " See the README's diagnostics table." },
                ["defaultConfiguration"] = new JsonObject { ["level"] = code.Severity == DiagnosticSeverity.Error ? "error" : "warning" },
            });
        }
        var ruleIndex = DiagnosticCatalog.All.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var results = new JsonArray();
        foreach (var d in lint.Diagnostics)
        {
            results.Add((JsonNode)new JsonObject
            {
                ["ruleId"] = d.Code,
                ["ruleIndex"] = ruleIndex.GetValueOrDefault(d.Code),
                ["level"] = d.Severity == DiagnosticSeverity.Error ? "error" : "warning",
                ["message"] = new JsonObject { ["text"] = JsonOutput.Sentence(string.IsNullOrEmpty(d.Hint) ? d.Message : $"{d.Message} (hint: {d.Hint})") },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = Uri(d.Position.File) },
                        ["region"] = new JsonObject { ["startLine"] = Math.Max(1, d.Position.Line), ["startColumn"] = Math.Max(1, d.Position.Column) },
                    },
                }),
            });
        }
        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "netbufrules",
                        ["informationUri"] = "https://github.com/netbufrules/netbufrules",
                        ["version"] = typeof(LintWriters).Assembly.GetName().Version?.ToString(3) ?? "0.1.0",
                        ["rules"] = rules,
                    },
                },
                ["results"] = results,
            }),
        };
        return JsonOutput.EscapeInvisible(sarif.ToJsonString(JsonOutput.Nodes)) + "\n";
    }

    public static string GitHub(LintResult lint)
    {
        var sb = new StringBuilder();
        foreach (var d in lint.Diagnostics)
        {
            var kind = d.Severity == DiagnosticSeverity.Error ? "error" : "warning";
            var message = string.IsNullOrEmpty(d.Hint) ? d.Message : $"{d.Message} (hint: {d.Hint})";
            // Workflow-command escapes first (newlines become %0A), then every other control character made visible.
            sb.Append(HostText.Escape($"::{kind} file={Escape(d.Position.File, true)},line={d.Position.Line},col={d.Position.Column},title={d.Code}::{Escape(message, false)}")).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Relative paths stay relative (GitHub code scanning resolves them against the checkout).</summary>
    private static string Uri(string path) => path.Replace('\\', '/');

    private static string Escape(string text, bool property)
    {
        var s = text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
        return property ? s.Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal) : s;
    }
}
