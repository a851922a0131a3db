using System.Text.Json;

namespace NetBufRules.Probe.Recording;

/// <summary>
/// schemas/snapshot.schema.json written out as code, for the common case: a snapshot that plainly satisfies it is
/// known valid without the general schema evaluator (a sixth of a fleet replay went there). It answers only "plainly
/// valid": anything unusual (a duplicate property, an integer written as 1.0, a rule broken) says no, and the caller
/// then runs the real schema, which decides and words the error. So it can never accept what the schema refuses.
/// Keep it in step with the schema; <c>SnapshotShapeTests</c> holds the two together.
/// </summary>
internal static class SnapshotShape
{
    private static readonly string[] Formats = [Snapshot.FormatV1, Snapshot.Format];
    /// <summary>The failure names the schema allows (the one-pass reader holds a snapshot to the same list).</summary>
    internal static readonly string[] Failures = ["None", "NotFound", "PermissionDenied", "Timeout", "NonZeroExit", "Other", "NotRecorded", "PrivilegeDrop"];

    /// <summary>True when <paramref name="root"/> certainly satisfies the snapshot schema; false when the schema must decide.</summary>
    public static bool PlainlyValid(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return false;
        var seen = 0;
        foreach (var p in root.EnumerateObject())
        {
            var ok = p.Name switch
            {
                "format" => Once(ref seen, 1) && p.Value.ValueKind == JsonValueKind.String && OneOf(p.Value, Formats),
                "host" => Once(ref seen, 2) && Host(p.Value),
                "interval_seconds" => Once(ref seen, 4) && p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetDouble(out var d) && d >= 0,
                "sources" => Once(ref seen, 8) && Sources(p.Value),
                _ => false,
            };
            if (!ok) return false;
        }
        return seen == 15;
    }

    private static bool Host(JsonElement host)
    {
        if (host.ValueKind != JsonValueKind.Object) return false;
        var seen = 0;
        foreach (var p in host.EnumerateObject())
        {
            var ok = p.Name switch
            {
                "hostname" => Once(ref seen, 1) && p.Value.ValueKind == JsonValueKind.String,
                "kernel" => Once(ref seen, 2) && p.Value.ValueKind == JsonValueKind.String,
                "time" => Once(ref seen, 4) && p.Value.ValueKind == JsonValueKind.String,
                "root" => Once(ref seen, 8) && p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                "net_namespace" => Once(ref seen, 16) && p.Value.ValueKind == JsonValueKind.String,
                _ => false,
            };
            if (!ok) return false;
        }
        return seen == 31;
    }

    private static bool Sources(JsonElement sources)
    {
        if (sources.ValueKind != JsonValueKind.Array) return false;
        foreach (var source in sources.EnumerateArray())
        {
            if (source.ValueKind != JsonValueKind.Object) return false;
            var seen = 0;
            foreach (var p in source.EnumerateObject())
            {
                var ok = p.Name switch
                {
                    "key" => Once(ref seen, 1) && p.Value.ValueKind == JsonValueKind.String,
                    "describe" => Once(ref seen, 2) && p.Value.ValueKind == JsonValueKind.String,
                    "samples" => Once(ref seen, 4) && Samples(p.Value),
                    _ => false,
                };
                if (!ok) return false;
            }
            if (seen != 7) return false;
        }
        return true;
    }

    private static bool Samples(JsonElement samples)
    {
        if (samples.ValueKind != JsonValueKind.Array) return false;
        var count = samples.GetArrayLength();
        if (count is < 1 or > 2) return false;
        foreach (var sample in samples.EnumerateArray())
        {
            if (sample.ValueKind != JsonValueKind.Object) return false;
            var seen = 0;
            foreach (var p in sample.EnumerateObject())
            {
                var v = p.Value;
                var ok = p.Name switch
                {
                    "time" => Once(ref seen, 1) && v.ValueKind == JsonValueKind.String,
                    "stdout" => Once(ref seen, 2) && v.ValueKind == JsonValueKind.String,
                    "stderr" => Once(ref seen, 4) && v.ValueKind == JsonValueKind.String,
                    "exit_code" => Once(ref seen, 8) && (v.ValueKind == JsonValueKind.Null || (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _))),
                    "failure" => Once(ref seen, 16) && v.ValueKind == JsonValueKind.String && OneOf(v, Failures),
                    "failure_message" => Once(ref seen, 32) && v.ValueKind is JsonValueKind.String or JsonValueKind.Null,
                    "truncated" => Once(ref seen, 64) && v.ValueKind is JsonValueKind.True or JsonValueKind.False,
                    "table" => Once(ref seen, 128) && Table(v),
                    _ => false,
                };
                if (!ok) return false;
            }
            if ((seen & 3) != 3) return false;
        }
        return true;
    }

    private static bool Table(JsonElement table)
    {
        if (table.ValueKind != JsonValueKind.Object) return false;
        var seen = 0;
        foreach (var p in table.EnumerateObject())
        {
            var ok = p.Name switch
            {
                "columns" => Once(ref seen, 1) && p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().All(c => c.ValueKind == JsonValueKind.String),
                "rows" => Once(ref seen, 2) && p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().All(r =>
                    r.ValueKind == JsonValueKind.Array && r.EnumerateArray().All(c => c.ValueKind is JsonValueKind.Number or JsonValueKind.String)),
                _ => false,
            };
            if (!ok) return false;
        }
        return seen == 3;
    }

    /// <summary>Marks property <paramref name="bit"/> as seen; a second time (a duplicate name) is left to the schema.</summary>
    internal static bool Once(ref int seen, int bit)
    {
        if ((seen & bit) != 0) return false;
        seen |= bit;
        return true;
    }

    private static bool OneOf(JsonElement value, string[] allowed)
    {
        foreach (var a in allowed)
        {
            if (value.ValueEquals(a)) return true;
        }
        return false;
    }
}
