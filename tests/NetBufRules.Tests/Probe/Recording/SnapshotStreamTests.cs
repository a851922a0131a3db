using System.Text;
using System.Text.Json.Nodes;
using NetBufRules.Probe.Recording;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Probe.Recording;

/// <summary>
/// The one-pass snapshot reader stands in for the document reader only when it gives exactly the same snapshot: on
/// every recording it answers, and on thousands of broken, odd and valid variants it either gives what the document
/// reader gives or declines (and never answers where the document reader refuses the file).
/// </summary>
public sealed class SnapshotStreamTests
{
    [Fact]
    public void Every_recorded_snapshot_is_read_in_one_pass_exactly_as_the_document_reader_reads_it()
    {
        foreach (var file in Directory.GetFiles(Repo.Snapshots, "*.json", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            var fast = SnapshotStream.TryRead(bytes);
            fast.ShouldNotBeNull(file);
            Same(fast, SnapshotJson.ReadDocument(file, bytes)).ShouldBeTrue(file);
        }
    }

    [Fact]
    public void On_broken_and_odd_snapshots_it_gives_the_document_readers_answer_or_declines()
    {
        var cases = 0;
        var answered = 0;
        var refused = 0;
        foreach (var text in Variants(Small()))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            Snapshot? general;
            try
            {
                general = SnapshotJson.ReadDocument("x.json", bytes);
            }
            catch (SnapshotException)
            {
                general = null;
                refused++;
            }
            var fast = SnapshotStream.TryRead(bytes);
            if (fast is not null)
            {
                general.ShouldNotBeNull($"answered where the document reader refuses: {text}");
                Same(fast, general).ShouldBeTrue($"a different snapshot: {text}");
                answered++;
            }
            cases++;
        }
        // The variants break the file in many ways, and many stay valid (so both halves of the claim are exercised).
        cases.ShouldBeGreaterThan(1000);
        refused.ShouldBeGreaterThan(300);
        answered.ShouldBeGreaterThan(100);
    }

    /// <summary>The same snapshot: written out identically (every field, sample and table cell), same format version.</summary>
    internal static bool Same(Snapshot a, Snapshot b) => a.Version == b.Version && SnapshotJson.Write(a) == SnapshotJson.Write(b);

    /// <summary>A recorded snapshot cut down to two counter sources, plus a typed process table (format v2).</summary>
    internal static JsonObject Small()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Snapshots, "netns-backlog.json")))!.AsObject();
        root["format"] = Snapshot.Format;
        var keep = new JsonArray();
        foreach (var s in root["sources"]!.AsArray().Where(s => s!["samples"]!.AsArray().Count == 2).Take(2))
        {
            var copy = s!.DeepClone();
            foreach (var sample in copy["samples"]!.AsArray())
            {
                var stdout = sample!["stdout"]!.GetValue<string>();
                sample["stdout"] = stdout[..Math.Min(stdout.Length, 60)] + "\t\"é\\\u2028";
            }
            keep.Add(copy);
        }
        keep.Add(JsonNode.Parse("""
            {"key":"processes","describe":"the process table","samples":[{"time":"2025-01-01T00:00:00+00:00","stdout":"","stderr":"",
             "exit_code":null,"failure":"None","failure_message":null,"truncated":false,
             "table":{"columns":["pid","fds","soft","hard","uid","unit","comm"],"rows":[[1,12,1024,524288,0,"init.scope","systemd"],[2,3.5,1024,4096,1000,"-","a\tb"]]}}]}
            """));
        root["sources"] = keep;
        return root;
    }

    /// <summary>Every value replaced by each kind of JSON value or removed, objects given unknown or duplicate properties, text-level cuts and edits.</summary>
    internal static IEnumerable<string> Variants(JsonObject original)
    {
        var text = original.ToJsonString();
        yield return text;
        JsonNode?[] replacements = [null, 0, -1, 1.5, 2147483648, 1e300, "x", "None", "Timeout", "3", true, new JsonArray(), new JsonObject(),
            "netbufrules/snapshot/v1", "netbufrules/snapshot/v9", "2025-01-01T00:00:00+00:00", "2020-01-01T00:00:00Z", "processes", "\ud800"];
        var paths = new List<List<object>>();
        Walk(original, [], paths);
        foreach (var path in paths)
        {
            foreach (var replacement in replacements)
            {
                var copy = original.DeepClone().AsObject();
                if (Set(copy, path, replacement?.DeepClone())) yield return copy.ToJsonString();
            }
            var removed = original.DeepClone().AsObject();
            if (Remove(removed, path)) yield return removed.ToJsonString();
        }
        // Text-level: duplicates, reordering, trailing text, cuts, comments and trailing commas.
        yield return text.Replace("\"key\":", "\"key\":\"a\",\"key\":", StringComparison.Ordinal);
        yield return text.Replace("\"stdout\":", "\"stdout\":\"a\",\"stdout\":", StringComparison.Ordinal);
        yield return text.Replace("\"columns\":", "\"rows\":[],\"columns\":", StringComparison.Ordinal);
        yield return text + " x";
        yield return text + "\n";
        yield return "\uFEFF" + text;
        yield return text.Replace("}]}]", "},]}]", StringComparison.Ordinal);
        yield return "/*c*/" + text;
        for (var cut = 1; cut < text.Length; cut += 97) yield return text[..cut];
        var random = new Random(20261127);
        for (var n = 0; n < 400; n++)
        {
            var chars = text.ToCharArray();
            chars[random.Next(chars.Length)] = "{}[]\",:0a \\"[random.Next(11)];
            yield return new string(chars);
        }
    }

    private static void Walk(JsonNode? node, List<object> path, List<List<object>> paths)
    {
        if (path.Count > 0) paths.Add([.. path]);
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o) Walk(v, [.. path, k], paths);
                paths.Add([.. path, "unknown"]);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Walk(a[i], [.. path, i], paths);
                break;
        }
    }

    private static bool Set(JsonNode root, List<object> path, JsonNode? value)
    {
        var parent = Parent(root, path);
        switch (parent, path[^1])
        {
            case (JsonObject o, string k):
                o[k] = value;
                return true;
            case (JsonArray a, int i) when i < a.Count:
                a[i] = value;
                return true;
            default:
                return false;
        }
    }

    private static bool Remove(JsonNode root, List<object> path)
    {
        var parent = Parent(root, path);
        switch (parent, path[^1])
        {
            case (JsonObject o, string k) when o.ContainsKey(k):
                o.Remove(k);
                return true;
            case (JsonArray a, int i) when i < a.Count:
                a.RemoveAt(i);
                return true;
            default:
                return false;
        }
    }

    private static JsonNode? Parent(JsonNode root, List<object> path)
    {
        var node = root;
        foreach (var step in path.Take(path.Count - 1))
            node = step is string k ? node?[k] : node?[(int)step];
        return node;
    }
}
