using System.Diagnostics;
using System.Text.Json;

namespace NetBufRules.Tests.EndToEnd;

/// <summary>
/// A throwaway network namespace with loopback up. Everything it starts (processes, veth peers, a second namespace,
/// a memory cgroup) is removed on Dispose, even when the test failed.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private static int _counter;
    private static readonly string RunTag = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
    private readonly List<Process> _processes = [];
    private readonly List<string> _namespaces = [];
    private readonly List<string> _cgroups = [];

    private readonly string _prefix;

    /// <summary>A namespace named <paramref name="prefix"/>-PID-N (a helper's own prefix keeps parallel runs apart).</summary>
    public NetworkNamespace(string prefix = "nbr-e2e")
    {
        _prefix = prefix;
        Name = NewNamespace();
    }

    public string Name { get; }

    public static string Python => "/usr/bin/python3";

    public static string Faults => Path.Combine(Support.Repo.Root, "tests", "faults");

    /// <summary>The CLI built beside the tests (the test project references it).</summary>
    public static string Tool => Path.Combine(AppContext.BaseDirectory, "netbufrules.dll");

    /// <summary>A second namespace, e.g. the far end of a veth pair.</summary>
    public string NewNamespace()
    {
        // pid and a random part: a second copy of the suite on the same machine never meets these names.
        var name = $"{_prefix}-{Environment.ProcessId}-{RunTag}-{Interlocked.Increment(ref _counter)}";
        Run("ip", "netns", "add", name);
        _namespaces.Add(name);
        Run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
        return name;
    }

    /// <summary>Runs a command to completion; a failure throws with its output.</summary>
    public static string Run(params string[] argv)
    {
        var (code, stdout, stderr) = Exec(argv, null);
        if (code != 0) throw new InvalidOperationException($"{string.Join(' ', argv)} exited {code}: {stderr}");
        return stdout;
    }

    /// <summary>Runs a command inside this namespace.</summary>
    public string In(params string[] argv) => Run(["ip", "netns", "exec", Name, .. argv]);

    /// <summary>Starts a background process inside this namespace (killed on Dispose).</summary>
    public Process Start(params string[] argv) => StartIn(Name, argv);

    public Process StartIn(string ns, params string[] argv)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", ns }.Concat(argv)) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        _processes.Add(process);
        return process;
    }

    /// <summary>Starts a process on the host (not in the namespace), e.g. inside a memory cgroup.</summary>
    public Process StartOnHost(params string[] argv)
    {
        var info = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in argv.Skip(1)) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        _processes.Add(process);
        return process;
    }

    /// <summary>Registers a cgroup folder to remove on Dispose.</summary>
    public void OwnCgroup(string path) => _cgroups.Add(path);

    /// <summary>Runs the built tool inside this namespace and returns its exit code and JSON report.</summary>
    public Report Diagnose(IReadOnlyDictionary<string, string>? environment = null, bool asNobody = false, double interval = 1, params string[] extra)
    {
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet";
        if (!File.Exists(dotnet)) dotnet = FindDotnet();
        var argv = new List<string> { "ip", "netns", "exec", Name };
        if (asNobody) argv.AddRange(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]);
        argv.AddRange([dotnet, Tool, "run", Path.Combine(Support.Repo.Root, "playbooks"), "--format", "json", "--interval", interval.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        argv.AddRange(extra);
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["DOTNET_CLI_HOME"] = "/tmp", ["HOME"] = "/tmp" };
        var (code, stdout, stderr) = Exec([.. argv], env);
        if (code is not (0 or 1)) throw new InvalidOperationException($"netbufrules exited {code}: {stderr}");
        return new Report(code, JsonDocument.Parse(stdout), stderr);
    }

    /// <summary>Runs the built tool on the host (outside the namespace, where /sys/fs/cgroup is mounted) and returns its JSON report.</summary>
    public static Report DiagnoseOnHost()
    {
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : FindDotnet();
        var (code, stdout, stderr) = Exec([dotnet, Tool, "run", Path.Combine(Support.Repo.Root, "playbooks"), "--format", "json", "--interval", "1"],
            new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = "/tmp", ["HOME"] = "/tmp" });
        if (code is not (0 or 1)) throw new InvalidOperationException($"netbufrules exited {code}: {stderr}");
        return new Report(code, JsonDocument.Parse(stdout), stderr);
    }

    /// <summary>Runs the built tool inside this namespace with any arguments; returns exit code and output.</summary>
    public (int Code, string Stdout, string Stderr) RunTool(params string[] args)
    {
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : FindDotnet();
        return Exec(["ip", "netns", "exec", Name, dotnet, Tool, .. args], new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = "/tmp", ["HOME"] = "/tmp" });
    }

    /// <summary>Runs the built tool inside this namespace behind <paramref name="prefix"/> (e.g. a setpriv that narrows its capabilities).</summary>
    public (int Code, string Stdout, string Stderr) RunToolUnder(IReadOnlyList<string> prefix, params string[] args)
    {
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : FindDotnet();
        return Exec(["ip", "netns", "exec", Name, .. prefix, dotnet, Tool, .. args], new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = "/tmp", ["HOME"] = "/tmp" });
    }

    /// <summary>Runs the built tool's <c>collect</c> inside this namespace and returns the snapshot.</summary>
    public JsonDocument Collect()
    {
        var file = Path.Combine(Path.GetTempPath(), $"{Name}-{Guid.NewGuid():N}.json");
        try
        {
            var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : FindDotnet();
            var env = new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = "/tmp", ["HOME"] = "/tmp" };
            var (code, _, stderr) = Exec(["ip", "netns", "exec", Name, dotnet, Tool, "collect", Path.Combine(Support.Repo.Root, "playbooks"), "-o", file, "--interval", "0"], env);
            if (code != 0) throw new InvalidOperationException($"netbufrules collect exited {code}: {stderr}");
            return JsonDocument.Parse(File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string FindDotnet()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var candidate = Path.Combine(dir, "dotnet");
            if (File.Exists(candidate)) return candidate;
        }
        return "dotnet";
    }

    private static (int Code, string Stdout, string Stderr) Exec(string[] argv, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in argv.Skip(1)) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', argv)} did not finish in 60 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
            process.Dispose();
        }
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            // Anything still running in the namespace (a child we did not track) goes too.
            var (_, pids, _) = Exec(["ip", "netns", "pids", ns], null);
            foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                Exec(["kill", "-9", pid.Trim()], null);
            Exec(["ip", "netns", "del", ns], null);
        }
        foreach (var cgroup in _cgroups)
        {
            for (var i = 0; i < 50 && Directory.Exists(cgroup); i++)
            {
                try { Directory.Delete(cgroup); }
                catch (IOException) { Thread.Sleep(100); }
            }
        }
    }

    /// <summary>The tool's exit code and JSON report.</summary>
    internal sealed record Report(int ExitCode, JsonDocument Json, string Stderr)
    {
        public JsonElement Result(string id) =>
            Json.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);

        public string Status(string id) => Result(id).GetProperty("status").GetString()!;

        public string Reason(string id) => Result(id).GetProperty("reason").GetString()!;

        public IReadOnlyList<string> Fired => [.. Json.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("status").GetString() == "fired").Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];

        public override string ToString() => Json.RootElement.ToString();
    }
}
