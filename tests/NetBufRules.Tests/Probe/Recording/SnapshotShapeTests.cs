using System.Text.Json;
using System.Text.Json.Nodes;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe.Recording;

/// <summary>
/// The fast snapshot check stands in for the schema only when it is sure: it accepts every recorded snapshot, and no
/// change to a snapshot makes it accept what the schema refuses.
/// </summary>
public sealed class SnapshotShapeTests
{
    [Fact]
    public void Every_recorded_snapshot_is_plainly_valid_so_a_fleet_never_needs_the_schema_evaluator()
    {
        foreach (var file in Directory.GetFiles(Repo.Snapshots, "*.json", SearchOption.AllDirectories))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            SnapshotShape.PlainlyValid(doc.RootElement).ShouldBeTrue(file);
            SnapshotChecks.SchemaAccepts(doc.RootElement).ShouldBeTrue(file);
        }
    }

    [Fact]
    public void No_change_to_a_snapshot_makes_the_fast_check_accept_what_the_schema_refuses()
    {
        var refused = 0;
        var cases = 0;
        foreach (var mutated in Mutations(Small()))
        {
            using var doc = JsonDocument.Parse(mutated);
            var schema = SnapshotChecks.SchemaAccepts(doc.RootElement);
            var fast = SnapshotShape.PlainlyValid(doc.RootElement);
            if (fast) schema.ShouldBeTrue($"the fast check accepted what the schema refuses: {mutated}");
            if (!schema) refused++;
            cases++;
        }
        // The mutations really break the schema in many ways (otherwise the test above proves nothing).
        cases.ShouldBeGreaterThan(300);
        refused.ShouldBeGreaterThan(cases / 2);
    }

    [Fact]
    public void A_duplicate_property_or_an_integer_written_with_a_fraction_is_left_to_the_schema()
    {
        var snapshot = Small().ToJsonString();
        var duplicate = snapshot.Replace("\"stdout\":", "\"stdout\":\"x\",\"stdout\":", StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(duplicate)) SnapshotShape.PlainlyValid(doc.RootElement).ShouldBeFalse();
        var node = Small();
        node["sources"]![0]!["samples"]![0]!["exit_code"] = 1.0;
        using (var doc = JsonDocument.Parse(node.ToJsonString().Replace("\"exit_code\":1", "\"exit_code\":1.0", StringComparison.Ordinal)))
            SnapshotShape.PlainlyValid(doc.RootElement).ShouldBeFalse();
    }

    /// <summary>A recorded snapshot cut down to a few sources (one with a typed table), so each mutation is quick to judge.</summary>
    private static JsonObject Small()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-backlog.json")))!.AsObject();
        root["format"] = Snapshot.Format;
        var sources = root["sources"]!.AsArray();
        var keep = new JsonArray();
        foreach (var s in sources.Take(3).Select(s => s!.DeepClone()))
        {
            foreach (var sample in s!["samples"]!.AsArray()) sample!["stdout"] = "1 2 3";
            keep.Add(s);
        }
        keep.Add(JsonNode.Parse("""
            {"key":"processes","describe":"the process table","samples":[{"time":"2025-01-01T00:00:00+00:00","stdout":"","stderr":"",
             "exit_code":null,"failure":"None","failure_message":null,"truncated":false,
             "table":{"columns":["pid","comm"],"rows":[[1,"init"],[2,"kthreadd"]]}}]}
            """));
        root["sources"] = keep;
        return root;
    }

    /// <summary>Every node removed, replaced by each kind of JSON value, and every object given an unknown property.</summary>
    private static IEnumerable<string> Mutations(JsonObject original)
    {
        JsonNode?[] replacements = [null, 0, -1, 1.5, "x", "None", true, new JsonArray(), new JsonObject(), "netbufrules/snapshot/v9"];
        var paths = new List<string>();
        Collect(original, "", paths);
        foreach (var path in paths)
        {
            var removed = original.DeepClone().AsObject();
            if (Remove(removed, path)) yield return removed.ToJsonString();
            foreach (var replacement in replacements)
            {
                var copy = original.DeepClone().AsObject();
                Replace(copy, path, replacement?.DeepClone());
                yield return copy.ToJsonString();
            }
            var extended = original.DeepClone().AsObject();
            if (At(extended, path) is JsonObject obj)
            {
                obj["unexpected"] = 1;
                yield return extended.ToJsonString();
            }
            if (At(extended, path) is JsonArray array)
            {
                array.Add(array.Count > 0 ? array[^1]?.DeepClone() : 1);
                yield return extended.ToJsonString();
            }
        }
    }

    private static void Collect(JsonNode? node, string path, List<string> paths)
    {
        if (path.Length > 0) paths.Add(path);
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o) Collect(v, path + "/" + k, paths);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Collect(a[i], path + "/" + i, paths);
                break;
        }
    }

    private static JsonNode? At(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            node = node is JsonArray a ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)] : node![part];
        return node;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode root, string path)
    {
        var cut = path.LastIndexOf('/');
        return (At(root, path[..cut])!, path[(cut + 1)..]);
    }

    private static bool Remove(JsonNode root, string path)
    {
        var (parent, last) = Parent(root, path);
        if (parent is JsonObject o) return o.Remove(last);
        ((JsonArray)parent).RemoveAt(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var (parent, last) = Parent(root, path);
        if (parent is JsonObject o) o[last] = value;
        else ((JsonArray)parent)[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
    }
}
