using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetBufRules.Probe.Recording;

/// <summary>Reads and writes snapshots as JSON; a foreign, truncated or newer file is a <see cref="SnapshotException"/> with the place.</summary>
public static class SnapshotJson
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
        return root.ToJsonString(Report.JsonOutput.Nodes) + "\n";
    }

    public static Snapshot Read(string file, string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new SnapshotException($"{file}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not a valid JSON snapshot: {e.Message}");
        }
        if (root is not JsonObject obj || obj["format"]?.GetValue<string>() is not { } format || !format.StartsWith("netbufrules/snapshot/", StringComparison.Ordinal))
            throw new SnapshotException($"{file}:1:1: not a netbufrules snapshot (no \"format\": \"{Snapshot.Format}\")");
        if (format != Snapshot.Format && format != Snapshot.FormatV1)
            throw new SnapshotException($"{file}:1:1: snapshot format '{format}' is not supported by this version (it reads {Snapshot.FormatV1} and {Snapshot.Format}); upgrade netbufrules");
        try
        {
            var host = obj["host"]!;
            var sources = obj["sources"]!.AsArray().Select(s => new SnapshotSource(
                s!["key"]!.GetValue<string>(),
                s["describe"]!.GetValue<string>(),
                [.. s["samples"]!.AsArray().Select(x => new RawOutput(
                    DateTimeOffset.Parse(x!["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                    x["stdout"]!.GetValue<string>(),
                    x["stderr"]?.GetValue<string>() ?? "",
                    x["exit_code"]?.GetValue<int?>(),
                    Enum.Parse<ReadFailure>(x["failure"]?.GetValue<string>() ?? "None"),
                    x["failure_message"]?.GetValue<string>(),
                    x["truncated"]?.GetValue<bool>() ?? false,
                    x["table"] is { } table ? SnapshotTableJson.Read(s["key"]!.GetValue<string>(), table) : null))])).ToList();
            return new Snapshot(
                new HostInfo(host["hostname"]!.GetValue<string>(), host["kernel"]!.GetValue<string>(),
                    DateTimeOffset.Parse(host["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                    host["root"]!.GetValue<bool>(), host["net_namespace"]!.GetValue<string>()),
                obj["interval_seconds"]!.GetValue<double>(),
                sources) { Version = format == Snapshot.FormatV1 ? 1 : 2 };
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new SnapshotException($"{file}: the snapshot is incomplete or malformed: {e.Message}");
        }
    }
}
