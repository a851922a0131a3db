using System.Diagnostics;
using System.Text.Json;

// usage: FleetFloor FOLDER — prints seconds and bytes for reading and parsing every *.json in FOLDER.
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
