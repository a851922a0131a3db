using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace NetBufRules.Probe.Recording;

/// <summary>
/// What a snapshot must satisfy before it is believed: schemas/snapshot.schema.json, then sense: each source once,
/// sample times in order, a sane interval. Each failure is a <see cref="SnapshotException"/> naming the JSON path.
/// </summary>
internal static class SnapshotChecks
{
    /// <summary>Longer than a day between samples is no sampling window: a hand-edited or corrupt file.</summary>
    internal const double MaxIntervalSeconds = 86_400;

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(SnapshotChecks).Assembly.GetManifestResourceStream("schemas/snapshot.schema.json")!;
        using var reader = new StreamReader(stream);
        // Its own registry: the global one refuses a second schema with the same $id (tests and tools load the file too).
        return JsonSchema.FromText(reader.ReadToEnd(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    /// <summary>Throws at the first problem of <paramref name="root"/>, read from <paramref name="file"/>.</summary>
    public static void Check(string file, JsonElement root)
    {
        // The general schema evaluator only when the snapshot is not plainly valid: it then decides and words the error.
        var plain = SnapshotShape.PlainlyValid(root);
        // The evaluator costs about a kilobyte a value: a large document that is not plainly right is refused unexplained.
        if (!plain && SnapshotBudget.Values(root, SnapshotBudget.SchemaValues) > SnapshotBudget.SchemaValues)
            throw new SnapshotException($"{file}: $: does not match schemas/snapshot.schema.json, and at more than {SnapshotBudget.SchemaValues} JSON values it is too large to say where (a recorded host has a few thousand; see schemas/snapshot.schema.json)");
        var result = plain ? null : Schema.Value.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result is { IsValid: false })
        {
            var first = (result.Details ?? []).FirstOrDefault(d => d.Errors is { Count: > 0 } && !d.EvaluationPath.ToString().Contains("/oneOf/", StringComparison.Ordinal));
            var where = first is null ? "$" : Path(first.InstanceLocation.ToString());
            var message = first?.Errors?.Values.FirstOrDefault() ?? "does not match schemas/snapshot.schema.json";
            throw new SnapshotException($"{file}: {where}: {message} (see schemas/snapshot.schema.json)");
        }
        var interval = root.GetProperty("interval_seconds").GetDouble();
        if (!double.IsFinite(interval) || interval > MaxIntervalSeconds)
            throw new SnapshotException($"{file}: $.interval_seconds: {interval.ToString(CultureInfo.InvariantCulture)} is not a sampling window (0 to {MaxIntervalSeconds:0} seconds)");
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var source in root.GetProperty("sources").EnumerateArray())
        {
            var key = source.GetProperty("key").GetString() ?? "";
            if (!keys.TryAdd(key, index))
                throw new SnapshotException($"{file}: $.sources[{index}].key: source '{key}' is recorded twice (first at $.sources[{keys[key]}]); which one would be believed?");
            DateTimeOffset? previous = null;
            var sample = 0;
            foreach (var s in source.GetProperty("samples").EnumerateArray())
            {
                var text = s.GetProperty("time").GetString();
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                    throw new SnapshotException($"{file}: $.sources[{index}].samples[{sample}].time: '{text}' is not a date and time");
                if (previous is { } before && time < before)
                    throw new SnapshotException($"{file}: $.sources[{index}].samples[{sample}].time: {text} is before the previous sample ({before:O}); time cannot go backwards");
                if (previous is { } earlier && (time - earlier).TotalSeconds > MaxIntervalSeconds)
                    throw new SnapshotException($"{file}: $.sources[{index}].samples[{sample}].time: {(time - earlier).TotalSeconds:0} s after the previous sample, not a sampling window");
                previous = time;
                sample++;
            }
            index++;
        }
        var hostTime = root.GetProperty("host").GetProperty("time").GetString();
        if (!DateTimeOffset.TryParse(hostTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new SnapshotException($"{file}: $.host.time: '{hostTime}' is not a date and time");
    }

    /// <summary>What the general schema evaluator alone says of <paramref name="root"/> (tests hold <see cref="SnapshotShape"/> to it).</summary>
    internal static bool SchemaAccepts(JsonElement root) => Schema.Value.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;

    /// <summary>A JSON pointer (/sources/3/key) as a path a person reads ($.sources[3].key).</summary>
    private static string Path(string pointer)
    {
        if (pointer.Length == 0) return "$";
        var parts = pointer.TrimStart('/').Split('/').Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return "$" + string.Concat(parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{p}]" : "." + p));
    }
}
