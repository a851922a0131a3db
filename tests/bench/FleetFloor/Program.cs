using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

// usage: FleetFloor FOLDER — prints seconds and bytes for reading and parsing every *.json in FOLDER.
//        FleetFloor vary FOLDER — gives every snapshot in FOLDER a kernel log of its own (one line naming the file put
//        first), so no two hosts print the same kernel log, as in a real fleet, and no memo can share its extraction.
// Indented and escaped like 'collect' writes it, so the files keep their size.
var indented = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
//        FleetFloor vary-all FOLDER — also gives every other output of every snapshot a number of its own (the first
//        number in it gets the host's index appended), so no extraction of one host can be shared with another: the
//        cost of a fleet whose hosts share nothing (their verdicts change too; only the cost is measured).
if (args is [("vary" or "vary-all") and var how, var folder])
{
    var snapshots = Directory.GetFiles(folder, "*.json");
    // A number without a leading zero: "0" made "05" would not be JSON any more (iproute2 and nstat print JSON).
    var first = new System.Text.RegularExpressions.Regex(@"[1-9]\d*");
    for (var n = 0; n < snapshots.Length; n++)
    {
        var file = snapshots[n];
        var root = JsonNode.Parse(File.ReadAllText(file))!;
        foreach (var source in root["sources"]!.AsArray())
        {
            var dmesg = source!["key"]!.GetValue<string>() == "cmd:dmesg";
            if (!dmesg && how != "vary-all") continue;
            foreach (var sample in source["samples"]!.AsArray())
            {
                var text = sample!["stdout"]!.GetValue<string>();
                if (text.Length == 0) continue;
                sample["stdout"] = dmesg
                    ? $"[    0.000000] netbufrules bench: {Path.GetFileNameWithoutExtension(file)}\n{text}"
                    : first.Replace(text, m => m.Value + n.ToString(System.Globalization.CultureInfo.InvariantCulture), 1);
            }
        }
        File.WriteAllText(file, root.ToJsonString(indented));
    }
    return;
}
var files = Directory.GetFiles(args[0], "*.json");
var watch = Stopwatch.StartNew();
long bytes = 0;
var next = -1;
var threads = Enumerable.Range(0, Environment.ProcessorCount).Select(n => new Thread(() =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < files.Length)
    {
        var data = File.ReadAllBytes(files[i]);
        Interlocked.Add(ref bytes, data.Length);
        using var doc = JsonDocument.Parse(data);
        // Touch every string as the replay does (each probe's output becomes a .NET string).
        foreach (var source in doc.RootElement.GetProperty("sources").EnumerateArray())
            foreach (var sample in source.GetProperty("samples").EnumerateArray())
                GC.KeepAlive(sample.GetProperty("stdout").GetString());
    }
})).ToList();
threads.ForEach(t => t.Start());
threads.ForEach(t => t.Join());
Console.WriteLine($"{watch.Elapsed.TotalSeconds:0.00} {bytes}");
