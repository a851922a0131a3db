using System.Diagnostics;

namespace NetBufRules.Tests.Support;

/// <summary>Runs Prometheus's promtool (Debian package 'prometheus'; .ci/run installs it).</summary>
internal static class Promtool
{
    public const string Path = "/usr/bin/promtool";

    public static void Require() =>
        Skip.IfNot(File.Exists(Path), "promtool is not installed (apt-get install prometheus; .ci/run installs it)");

    /// <summary>Runs promtool with <paramref name="args"/>, <paramref name="stdin"/> on its standard input.</summary>
    public static (int Code, string Output) Run(string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo(Path) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        process.WaitForExit(60_000).ShouldBeTrue("promtool did not finish in 60 s");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
