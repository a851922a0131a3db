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
    /// <paramref name="json"/> with every character <see cref="HostText"/> shows as an escape written as a JSON escape
    /// (<c>\u200b</c>, <c>\u202e</c>, a tag character as its pair <c>\udb40\udc41</c>): the encoder escapes C0, DEL and C1
    /// but passes bidi controls and invisible format characters (zero-width space and joiners, BOM, soft hyphen, word
    /// joiner), which reorder a terminal line or make <c>ng\u200binx</c> read as <c>nginx</c> when the document is
    /// printed or diffed. Outside strings JSON has no such characters, so the document holds the same data.
    /// </summary>
    public static string EscapeInvisible(string json)
    {
        if (!json.Any(Invisible)) return json;
        var sb = new System.Text.StringBuilder(json.Length + 16);
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (char.IsHighSurrogate(c) && i + 1 < json.Length && char.IsLowSurrogate(json[i + 1]))
            {
                var format = System.Globalization.CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, json[i + 1])) == System.Globalization.UnicodeCategory.Format;
                if (format) sb.Append(Hex(c)).Append(Hex(json[i + 1]));
                else sb.Append(c).Append(json[i + 1]);
                i++;
            }
            else if (Invisible(c)) sb.Append(Hex(c));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// A sentence written for a person (a message, hint, reason, note, title), as JSON and SARIF carry it: escaped as
    /// the terminal shows it (<see cref="HostText.Escape(string?)"/>), so a UI that shows the value (GitHub code
    /// scanning, a dashboard) shows <c>ng\u200binx</c> where the terminal does, never a name passing for another.
    /// Measured values, names in evidence, paths and file contents stay exact data (escaped only as JSON).
    /// </summary>
    public static string? Sentence(string? text) => text is null ? null : HostText.Escape(text);

    private static string Hex(char c) => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A character the encoder may pass that a terminal would not show (a surrogate is judged with its pair by the caller).</summary>
    private static bool Invisible(char c) => (HostText.IsUnsafe(c) && c != '\n') || char.IsSurrogate(c);
}
