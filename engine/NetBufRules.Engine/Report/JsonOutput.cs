using System.Text.Encodings.Web;
using System.Text.Json;

namespace NetBufRules.Report;

/// <summary>
/// How every JSON document the tool writes is formatted: indented, and with only what JSON requires escaped.
/// The default encoder is meant for HTML pages and writes "+" as \u002B and "'" as \u0027, which made times
/// and messages hard to read in reports, snapshots, lint JSON and SARIF.
/// </summary>
public static class JsonOutput
{
    public static readonly JsonWriterOptions Writer = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Nodes = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
