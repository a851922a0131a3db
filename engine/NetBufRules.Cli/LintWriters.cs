using System.Text;
using System.Text.Json.Nodes;
using NetBufRules.Diagnostics;
using NetBufRules.Validate;

namespace NetBufRules.Cli;

/// <summary>The lint output formats: text (gcc-style, carets on a terminal), json, SARIF 2.1.0 and GitHub workflow commands.</summary>
internal static class LintWriters
{
    private static readonly Dictionary<string, string> RuleHelp = new(StringComparer.Ordinal)
    {
        [Codes.YamlSyntax] = "The file is not valid YAML: check indentation, colons and quotes.",
        [Codes.DuplicateKey] = "A key appears twice in one map; YAML would silently keep only one.",
        [Codes.UnknownKey] = "A key the playbook format does not have; usually a typo.",
        [Codes.WrongType] = "A value of the wrong kind (a list where a map is expected, text where a number is).",
        [Codes.MissingKey] = "A required key is missing.",
        [Codes.InvalidValue] = "A value outside what the format allows (apiVersion, id, severity, timeout, path, extractor).",
        [Codes.DuplicateId] = "Two playbooks share an id; ids must be unique across everything loaded.",
        [Codes.NoPlaybooks] = "A folder holds no playbooks.",
        [Codes.PathNotFound] = "A path does not exist.",
        [Codes.ExpressionSyntax] = "A condition is not valid NCalc.",
        [Codes.UnknownIdentifier] = "A condition names something that is neither a probe nor a param.",
        [Codes.UnknownFunction] = "A condition calls a function the engine does not provide.",
        [Codes.WrongArgumentCount] = "A function is called with the wrong number of arguments.",
        [Codes.TemplateSyntax] = "A message or fix template is not valid Scriban.",
        [Codes.UnsafeCommand] = "A probe runs a shell or interpreter, a path, a program outside the allowlist, or arguments outside its tool's read-only grammar.",
        [Codes.UnsafeFixPath] = "A fix writes outside /etc/sysctl.d, /etc/security/limits.d or /etc/systemd/system, or uses a relative path or '..'.",
        [Codes.BadRegex] = "A regex does not compile.",
        [Codes.UnusedProbe] = "A probe is never used; it still costs a read on every host.",
        [Codes.UnusedParam] = "A param is never used.",
        [Codes.MissingProse] = "A playbook without a summary or a why leaves the reader guessing.",
        [Codes.UnknownSeeAlso] = "see_also names a playbook that is not loaded.",
        [Codes.TemplateDryRun] = "A template fails when rendered with the probes' shapes (an undefined name, a wrong call).",
        [Codes.SchemaViolation] = "The playbook does not satisfy schemas/playbook.schema.json.",
        [Codes.BadConfig] = "The repository's .netbufrules.yaml allows something that cannot be allowed.",
        [Codes.DropReasonsIgnores] = "A drop_reasons probe sets 'counter', 'key' or 'extract', which it ignores: it gives its own table over the sampling window.",
        [Codes.FixFileNotAllowed] = "A fix writes a file that is not a drop-in of an allowed kind (sysctl.d, limits.d, a service's .d/*.conf): never a unit file.",
        [Codes.FixKeyNotAllowed] = "A fix's line is not an allowed setting (a key outside the list, another section, a malformed or control-character line).",
        [Codes.FixValueNotAllowed] = "A fix's value is not a number in bounds, or would lower the current value the run measured.",
        [Codes.FixThenNotAllowed] = "A fix's 'then' is not [sysctl, -p, THE_FILE] or [systemctl, daemon-reload] for its own file.",
        [Codes.UnsafeInterpolation] = "A value interpolated into a fix holds a control character, or into a path something other than one name.",
        [Codes.FindingCycle] = "Findings read each other's verdicts (explained_by, fired()) in a cycle, or one reads its own.",
        [Codes.FindingNotLoaded] = "explained_by or fired() names a playbook that is not loaded; it counts as not checked.",
        [Codes.BadFindingReference] = "fired() without one quoted playbook id, or explained() in a playbook without explained_by.",
        [Codes.FileTooLarge] = "A playbook, test or values file is larger than 1 MiB, or not a regular file (a device, FIFO or socket).",
        [Codes.YamlTooDeep] = "YAML nested more than 40 levels deep (aliases included).",
        [Codes.AliasExpansion] = "YAML aliases expand the document to more than 100,000 nodes (an alias bomb).",
        [Codes.ExpressionTooLarge] = "A condition longer than 4,096 characters or with parentheses nested more than 32 deep.",
        [Codes.TemplateTooLarge] = "A template longer than 64 KiB.",
        [Codes.SymlinkNotFollowed] = "A folder scan passed over a symlinked folder, or a symlinked file whose target is outside the folder.",
        [Codes.ForbiddenFileSource] = "A file source outside /proc and /sys, not canonical, not a regular file, or a secret or side-effecting read (/proc/kmsg, a process's environ, mem, cmdline, root, cwd or fd, debugfs, tracefs).",
        [Codes.BadToolGrammar] = "The repository's .netbufrules.yaml declares a tool without a grammar, with a form that does not parse, or changes a built-in tool.",
        [Codes.WhereCycle] = "Probes' 'where' filters read each other in a cycle, so no order gives their rows.",
        [Codes.NoCondition] = "A playbook with 'when: []' and no 'advise_when' can never fire or advise.",
    };

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
            if (!lines.TryGetValue(d.Position.File, out var text)) lines[d.Position.File] = text = File.ReadAllLines(d.Position.File);
            if (d.Position.Line < 1 || d.Position.Line > text.Length) continue;
            var source = Primitives.HostText.Escape(text[d.Position.Line - 1].Replace('\t', ' '));
            sb.Append("  ").Append(source).Append('\n');
            sb.Append("  ").Append(' ', Math.Max(0, d.Position.Column - 1)).Append("\u001b[32;1m^\u001b[0m\n");
        }
        sb.Append($"{lint.Errors} error(s), {lint.Warnings} warning(s) in {lint.Files} file(s)\n");
        return sb.ToString();
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
                ["message"] = d.Message,
                ["hint"] = d.Hint,
            });
        }
        var root = new JsonObject
        {
            ["diagnostics"] = items,
            ["summary"] = new JsonObject { ["errors"] = lint.Errors, ["warnings"] = lint.Warnings, ["files"] = lint.Files },
        };
        return Report.JsonOutput.EscapeBidi(root.ToJsonString(Report.JsonOutput.Nodes)) + "\n";
    }

    public static string Sarif(LintResult lint)
    {
        var rules = new JsonArray();
        foreach (var (code, help) in RuleHelp.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            rules.Add((JsonNode)new JsonObject
            {
                ["id"] = code,
                ["name"] = code,
                ["shortDescription"] = new JsonObject { ["text"] = help },
                ["help"] = new JsonObject { ["text"] = help + " See the README's diagnostics table." },
                ["defaultConfiguration"] = new JsonObject { ["level"] = code is Codes.UnusedProbe or Codes.UnusedParam or Codes.MissingProse or Codes.UnknownSeeAlso or Codes.DropReasonsIgnores or Codes.FindingNotLoaded or Codes.SymlinkNotFollowed ? "warning" : "error" },
            });
        }
        var ruleIndex = RuleHelp.Keys.Order(StringComparer.Ordinal).Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var results = new JsonArray();
        foreach (var d in lint.Diagnostics)
        {
            results.Add((JsonNode)new JsonObject
            {
                ["ruleId"] = d.Code,
                ["ruleIndex"] = ruleIndex.GetValueOrDefault(d.Code),
                ["level"] = d.Severity == DiagnosticSeverity.Error ? "error" : "warning",
                ["message"] = new JsonObject { ["text"] = string.IsNullOrEmpty(d.Hint) ? d.Message : $"{d.Message} (hint: {d.Hint})" },
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
        return Report.JsonOutput.EscapeBidi(sarif.ToJsonString(Report.JsonOutput.Nodes)) + "\n";
    }

    public static string GitHub(LintResult lint)
    {
        var sb = new StringBuilder();
        foreach (var d in lint.Diagnostics)
        {
            var kind = d.Severity == DiagnosticSeverity.Error ? "error" : "warning";
            var message = string.IsNullOrEmpty(d.Hint) ? d.Message : $"{d.Message} (hint: {d.Hint})";
            // Workflow-command escapes first (newlines become %0A), then every other control character made visible.
            sb.Append(Primitives.HostText.Escape($"::{kind} file={Escape(d.Position.File, true)},line={d.Position.Line},col={d.Position.Column},title={d.Code}::{Escape(message, false)}")).Append('\n');
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
