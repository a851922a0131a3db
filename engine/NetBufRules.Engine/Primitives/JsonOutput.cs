using System.Text.Encodings.Web;
using System.Text.Json;

namespace NetBufRules.Primitives;

/// <summary>
/// How every JSON document the tool writes is formatted: indented, and with only what JSON requires escaped.
/// The default encoder is meant for HTML pages and writes "+" as \u002B and "'" as \u0027, which made times
/// and messages hard to read in reports, snapshots, lint JSON and SARIF.
/// </summary>
internal static class JsonOutput
{
    public static readonly JsonWriterOptions Writer = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Nodes = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// <paramref name="json"/> with bidi controls (U+061C, U+200E/F, U+202A-202E, U+2066-2069) written as \uXXXX. The
    /// encoder already escapes C0, DEL and C1 (RFC 8259 asks only for C0) but passes these, which reorder a terminal line
    /// when the JSON is printed; outside strings JSON has no such characters, so replacing them is the same document.
    /// </summary>
    public static string EscapeBidi(string json)
    {
        if (!json.Any(IsBidi)) return json;
        var sb = new System.Text.StringBuilder(json.Length + 16);
        foreach (var c in json)
        {
            if (IsBidi(c)) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsBidi(char c) => c is '\u061c' or '\u200e' or '\u200f' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
}
