using System.Collections;
using System.Text.Json;
using NetBufRules.Evaluate.Evidence;
using NetBufRules.Probe;

namespace NetBufRules.Report;

/// <summary>
/// Typed evidence as JSON (report schema v2): every entry is an object with its <c>kind</c> (measurement, threshold,
/// counter, table, verdict), its value and, for numbers, its <c>unit</c>.
/// </summary>
internal static class EvidenceJson
{
    /// <summary>Writes <paramref name="item"/> as the property <paramref name="name"/>.</summary>
    public static void Write(Utf8JsonWriter w, string name, EvidenceItem item)
    {
        w.WriteStartObject(name);
        switch (item)
        {
            case Measurement m:
                w.WriteString("kind", "measurement");
                w.WritePropertyName("value");
                Value(w, m.Value);
                w.WriteString("unit", UnitWord(m.Unit));
                break;
            case Threshold t:
                w.WriteString("kind", "threshold");
                w.WritePropertyName("value");
                Value(w, t.Value);
                w.WriteString("unit", UnitWord(t.Unit));
                w.WriteString("param", t.Name);
                w.WriteStartArray("compared_with");
                foreach (var c in t.ComparedWith) w.WriteStringValue(c);
                w.WriteEndArray();
                break;
            case CounterEvidence c:
                w.WriteString("kind", "counter");
                w.WritePropertyName("value");
                Value(w, c.Value);
                w.WritePropertyName("delta");
                Value(w, c.Delta);
                w.WritePropertyName("rate");
                Value(w, c.Rate);
                w.WriteString("unit", UnitWord(c.Unit));
                break;
            case TableEvidence t:
                w.WriteString("kind", "table");
                w.WriteNumber("count", t.Count);
                w.WriteStartArray("columns");
                foreach (var c in t.Columns) w.WriteStringValue(c);
                w.WriteEndArray();
                w.WriteStartArray("rows");
                foreach (var row in t.Rows)
                {
                    w.WriteStartObject();
                    foreach (var (k, v) in row)
                    {
                        w.WritePropertyName(k);
                        Value(w, v);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            case VerdictEvidence v:
                w.WriteString("kind", "verdict");
                w.WriteString("value", v.Text);
                break;
        }
        w.WriteEndObject();
    }

    /// <summary>The unit as the schema spells it: count, bytes, pages, kibibytes, per_second, seconds, ratio, text, number.</summary>
    public static string UnitWord(EvidenceUnit unit) => unit switch
    {
        EvidenceUnit.PerSecond => "per_second",
        _ => unit.ToString().ToLowerInvariant(),
    };

    private static void Value(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            case int i: w.WriteNumberValue(i); break;
            case bool b: w.WriteBooleanValue(b); break;
            case string s: w.WriteStringValue(s); break;
            case IEnumerable list and not string:
                w.WriteStartArray();
                foreach (var item in list) Value(w, item);
                w.WriteEndArray();
                break;
            default: w.WriteStringValue(Cell.Format(value)); break;
        }
    }
}
