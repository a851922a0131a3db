using System.Diagnostics;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Packaging;

/// <summary>
/// netbufrules as a team gets it: <c>dotnet pack</c> of the command-line project into a temporary folder, then
/// <c>dotnet tool install</c> from that folder alone (a nuget.config that clears every other source, so nothing of that
/// name can come from anywhere else). Built once per test class; removed afterwards.
/// </summary>
public sealed class PackagedTool : IDisposable
{
    /// <summary>The temporary folder holding the package, the build output, the installed tool and the tests' copies.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("nbr-ext-tool-").FullName;

    /// <summary>The installed tool's command.</summary>
    public string Command => Path.Combine(Root, "tools", "netbufrules");

    /// <summary>The package's version, read from the .nupkg's name.</summary>
    public string Version { get; }

    /// <summary>What failed while packing or installing, or null.</summary>
    public string? Failure { get; }

    public PackagedTool()
    {
        var nupkg = Path.Combine(Root, "nupkg");
        // Its own build folder: the tests' build and the launcher's .build stay untouched.
        var (packed, packOutput) = Run("dotnet", Repo.Root, "pack", Path.Combine(Repo.Root, "engine", "NetBufRules.Cli"), "-c", "Release",
            "-o", nupkg, "--artifacts-path", Path.Combine(Root, "build"), "--nologo", "-v", "q");
        var package = Directory.Exists(nupkg) ? Directory.GetFiles(nupkg, "NetBufRules.*.nupkg").FirstOrDefault() : null;
        Version = package is null ? "" : Path.GetFileNameWithoutExtension(package)["NetBufRules.".Length..];
        if (packed != 0 || package is null)
        {
            Failure = $"dotnet pack failed ({packed}):\n{packOutput}";
            return;
        }
        var config = Path.Combine(Root, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{nupkg}" /></packageSources></configuration>
            """);
        var (installed, installOutput) = Run("dotnet", Root, "tool", "install", "NetBufRules", "--version", Version,
            "--tool-path", Path.Combine(Root, "tools"), "--configfile", config);
        if (installed != 0) Failure = $"dotnet tool install failed ({installed}):\n{installOutput}";
    }

    /// <summary>Runs the installed tool in <paramref name="workingDirectory"/>; gives its exit code, stdout and stderr.</summary>
    public (int ExitCode, string Out, string Error) Tool(string workingDirectory, params string[] args)
    {
        if (Failure is not null) throw new InvalidOperationException(Failure);
        return Capture(Command, workingDirectory, args);
    }

    /// <summary>A copy of <paramref name="folder"/> under this fixture's folder, at <paramref name="name"/>.</summary>
    public string CopyOf(string folder, string name)
    {
        var to = Path.Combine(Root, "copies", name);
        if (Directory.Exists(to)) Directory.Delete(to, recursive: true);
        foreach (var dir in Directory.GetDirectories(folder, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(folder, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(folder, file)));
        return to;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static (int, string) Run(string program, string workingDirectory, params string[] args)
    {
        var (code, output, error) = Capture(program, workingDirectory, args);
        return (code, output + error);
    }

    private static (int ExitCode, string Out, string Error) Capture(string program, string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output.Result, error.Result + "\n(killed after 10 minutes)");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
