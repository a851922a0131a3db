using System.Buffers;
using System.Text.Json;
using Json.Schema;
using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Primitives;

namespace NetBufRules.Validate;

/// <summary>Checks a playbook's YAML against schemas/playbook.schema.json, each error at its YAML line and column.</summary>
internal static class SchemaValidator
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream("schemas/playbook.schema.json")!;
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    /// <summary>Schema errors of <paramref name="root"/>; <paramref name="known"/> lines already have a diagnostic and are not repeated.</summary>
    public static IReadOnlyList<Diagnostic> Validate(YamlNode root, IReadOnlySet<(string File, int Line)> known) => Validate(root, Schema.Value, known);

    /// <summary>Errors of <paramref name="root"/> against any schema (e.g. the test-file schema), at their YAML places.</summary>
    public static IReadOnlyList<Diagnostic> Validate(YamlNode root, JsonSchema schema, IReadOnlySet<(string File, int Line)> known)
    {
        using var document = ToJson(root);
        var element = document.RootElement;
        // The yes/no answer is cheap; the detailed list, and the YAML places to report it at, only for a file that fails.
        if (schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid) return [];
        var result = schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        Record(root, "", positions);
        var diagnostics = new List<Diagnostic>();
        foreach (var detail in result.Details ?? [])
        {
            if (detail.Errors is not { Count: > 0 } errors) continue;
            // Inside a oneOf/anyOf, a branch that does not apply fails by design; only the verdict on the whole counts.
            var path = detail.EvaluationPath.ToString();
            if (path.Contains("/oneOf/", StringComparison.Ordinal) || path.Contains("/anyOf/", StringComparison.Ordinal)) continue;
            // An 'if' that does not hold only picks 'else' (the playbook schema's extends:); it is never an error itself.
            if (path.EndsWith("/if", StringComparison.Ordinal) || path.Contains("/if/", StringComparison.Ordinal)) continue;
            var pointer = detail.InstanceLocation.ToString();
            var at = Locate(pointer, positions, root.Position);
            if (known.Contains((at.File, at.Line))) continue;
            foreach (var (keyword, message) in errors)
            {
                if (keyword is "allOf" or "$ref") continue;
                diagnostics.Add(new Diagnostic(at, DiagnosticSeverity.Error, Codes.SchemaViolation,
                    $"schema: {Where(pointer)}{message}", "see schemas/playbook.schema.json; the modeline gives editor completion"));
            }
        }
        return [.. diagnostics.DistinctBy(d => (d.Position, d.Message))];
    }

    private static string Where(string pointer) => pointer.Length == 0 ? "" : $"at {pointer}: ";

    private static SourcePosition Locate(string pointer, Dictionary<string, SourcePosition> positions, SourcePosition fallback)
    {
        // The nearest node that has a position: the pointer itself or one of its parents.
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (positions.TryGetValue(p, out var at)) return at;
            if (p.Length == 0) return fallback;
        }
    }

    /// <summary>The YAML place of every JSON pointer into the tree; a map entry is placed at its key unless its value is a scalar.</summary>
    private static void Record(YamlNode node, string pointer, Dictionary<string, SourcePosition> positions)
    {
        positions[pointer] = node.Position;
        switch (node)
        {
            case YamlMap map:
                foreach (var (key, value) in map.Entries)
                {
                    var child = pointer + "/" + key.Value.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    Record(value, child, positions);
                    positions[child] = value is YamlScalar ? value.Position : key.Position;
                }
                break;
            case YamlList list:
                for (var i = 0; i < list.Items.Count; i++)
                    Record(list.Items[i], $"{pointer}/{i}", positions);
                break;
        }
    }

    internal static JsonDocument ToJson(YamlNode root)
    {
        // Written straight to UTF-8 and parsed once: no reflection (the tool is compiled ahead of time) and no node tree.
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, root);
        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMap map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    writer.WritePropertyName(key.Value);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case YamlList list:
                writer.WriteStartArray();
                foreach (var item in list.Items) Write(writer, item);
                writer.WriteEndArray();
                break;
            case YamlScalar { IsNull: true }:
                writer.WriteNullValue();
                break;
            // A non-finite number (NaN, 1e999) has no JSON form: the schema sees the text, the loader refuses it.
            case YamlScalar s when ScalarText.Type(s.Value, quoted: s.IsText) is double d && double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case YamlScalar s when ScalarText.Type(s.Value, quoted: s.IsText) is bool b:
                writer.WriteBooleanValue(b);
                break;
            case YamlScalar s:
                writer.WriteStringValue(s.Value);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
