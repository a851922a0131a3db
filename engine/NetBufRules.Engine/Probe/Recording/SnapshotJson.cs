using System.Text.Json;
using System.Text.Json.Nodes;
using NetBufRules.Primitives;

namespace NetBufRules.Probe.Recording;

/// <summary>Reads and writes snapshots as JSON; a foreign, truncated or newer file is a <see cref="SnapshotException"/> with the place.</summary>
internal static class SnapshotJson
{
    public static string Write(Snapshot snapshot)
    {
        var sources = new JsonArray();
        foreach (var source in snapshot.Sources)
        {
            var samples = new JsonArray();
            foreach (var s in source.Samples)
            {
                samples.Add((JsonNode)new JsonObject
                {
                    ["time"] = s.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["stdout"] = s.Stdout,
                    ["stderr"] = s.Stderr,
                    ["exit_code"] = s.ExitCode,
                    ["failure"] = s.Failure.ToString(),
                    ["failure_message"] = s.FailureMessage,
                    ["truncated"] = s.Truncated,
                });
                if (s.Table is { } table) ((JsonObject)samples[^1]!)["table"] = SnapshotTableJson.Write(table);
            }
            sources.Add((JsonNode)new JsonObject { ["key"] = source.Key, ["describe"] = source.Describe, ["samples"] = samples });
        }
        var root = new JsonObject
        {
            ["format"] = Snapshot.Format,
            ["host"] = new JsonObject
            {
                ["hostname"] = snapshot.Host.Hostname,
                ["kernel"] = snapshot.Host.Kernel,
                ["time"] = snapshot.Host.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["root"] = snapshot.Host.Root,
                ["net_namespace"] = snapshot.Host.NetNamespace,
            },
            ["interval_seconds"] = snapshot.IntervalSeconds,
            ["sources"] = sources,
        };
        return JsonOutput.EscapeInvisible(root.ToJsonString(JsonOutput.Nodes)) + "\n";
    }

    /// <summary>Reads the snapshot file <paramref name="file"/>: a regular file (never a device or FIFO) of at most 64 MiB.</summary>
    public static Snapshot ReadFile(string file)
    {
        string text;
        try
        {
            text = Primitives.BoundedFile.ReadText(file, Primitives.Limits.SnapshotBytes);
        }
        catch (Primitives.BoundedFileException e)
        {
            throw new SnapshotException($"{file}:1:1: snapshot {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SnapshotException($"{file}:1:1: cannot read the snapshot: {e.Message}");
        }
        return Read(file, text);
    }

    public static Snapshot Read(string file, string text) => Read(file, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Reads a snapshot from its UTF-8 bytes (as it is on disk: no UTF-16 copy of a file that is mostly probe output, and
    /// a document read once, without a mutable tree; a fleet replay reads thousands, sharing outputs through
    /// <paramref name="strings"/>).
    /// </summary>
    public static Snapshot Read(string file, ReadOnlyMemory<byte> utf8, SnapshotStrings? strings = null)
    {
        // One forward pass for a snapshot that is plainly right; the document reader decides (and words) everything else.
        try
        {
            var snapshot = SnapshotStream.TryRead(utf8.Span, strings) ?? ReadDocument(file, utf8);
            SnapshotBudget.CheckTexts(snapshot.Sources);
            return snapshot;
        }
        catch (SnapshotLimitException e)
        {
            throw new SnapshotException($"{file}: {e.Place}: {e.Message}");
        }
    }

    /// <summary>Where (1-based line and byte column) a property name first repeats within its object, or null; the text is valid JSON.</summary>
    private static (int Line, long Column)? RepeatedProperty(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8); // the document read it already, within the default depth
        var names = new Stack<HashSet<string>>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    names.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.EndObject:
                    names.Pop();
                    break;
                case JsonTokenType.PropertyName when !names.Peek().Add(reader.GetString()!):
                    var before = utf8[..(int)reader.TokenStartIndex];
                    var lineStart = before.LastIndexOf((byte)'\n') + 1;
                    return (before.Count((byte)'\n') + 1, before.Length - lineStart + 1);
            }
        }
        return null;
    }

    /// <summary>The general reader: the whole document, the schema when the shape is not plain, every error worded.</summary>
    internal static Snapshot ReadDocument(string file, ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException e)
        {
            // Only the place, never the parser's words: they quote the file's bytes, and a file that is no snapshot
            // (a test's 'snapshot: /etc/shadow') must not show any of them.
            throw new SnapshotException($"{file}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not a snapshot: not valid JSON at this place");
        }
        // JSON leaves a repeated name to the reader (the last one wins in a document, the first in a stream): a snapshot
        // that says two things about one property is refused, not read as one of them.
        if (RepeatedProperty(utf8.Span) is { } repeated)
        {
            document.Dispose();
            throw new SnapshotException($"{file}:{repeated.Line}:{repeated.Column}: not a snapshot: a property appears twice in one object; keep one");
        }
        using (document)
        {
            var obj = document.RootElement;
            if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty("format", out var f) || f.ValueKind != JsonValueKind.String
                || f.GetString() is not { } format || !format.StartsWith("netbufrules/snapshot/", StringComparison.Ordinal))
                throw new SnapshotException($"{file}:1:1: not a netbufrules snapshot (no \"format\": \"{Snapshot.Format}\")");
            if (format != Snapshot.Format && format != Snapshot.FormatV1)
                throw new SnapshotException($"{file}:1:1: snapshot format '{format}' is not supported by this version (it reads {Snapshot.FormatV1} and {Snapshot.Format}); upgrade netbufrules");
            try
            {
                // Before the schema, which would walk every row of a table too large to take.
                SnapshotBudget.Check(obj);
                // Inside the try: a string the checks read may be unreadable (an unpaired surrogate escape).
                SnapshotChecks.Check(file, obj);
                var host = obj.GetProperty("host");
                var sources = obj.GetProperty("sources").EnumerateArray().Select(s => new SnapshotSource(
                    s.GetProperty("key").GetString()!,
                    s.GetProperty("describe").GetString()!,
                    [.. s.GetProperty("samples").EnumerateArray().Select(x => new RawOutput(
                        DateTimeOffset.Parse(x.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                        x.GetProperty("stdout").GetString()!,
                        Optional(x, "stderr")?.GetString() ?? "",
                        Optional(x, "exit_code") is { ValueKind: JsonValueKind.Number } code ? code.GetInt32() : null,
                        Enum.Parse<ReadFailure>(Optional(x, "failure")?.GetString() ?? "None"),
                        Optional(x, "failure_message")?.GetString(),
                        Optional(x, "truncated")?.GetBoolean() ?? false,
                        // Only the processes source records a table (snapshot v2); it is rare, so it goes through the node reader.
                        Optional(x, "table") is { } table ? SnapshotTableJson.Read(s.GetProperty("key").GetString()!, JsonNode.Parse(table.GetRawText())!) : null))])).ToList();
                return new Snapshot(
                    new HostInfo(host.GetProperty("hostname").GetString()!, host.GetProperty("kernel").GetString()!,
                        DateTimeOffset.Parse(host.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                        host.GetProperty("root").GetBoolean(), host.GetProperty("net_namespace").GetString()!),
                    obj.GetProperty("interval_seconds").GetDouble(),
                    sources)
                { Version = format == Snapshot.FormatV1 ? 1 : 2 };
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or NullReferenceException)
            {
                throw new SnapshotException($"{file}: the snapshot is incomplete or malformed: {e.Message}");
            }
        }
    }

    private static JsonElement? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
