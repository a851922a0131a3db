using System.CommandLine;
using NetBufRules.Diagnostics;
using NetBufRules.Lint;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Validate;

namespace NetBufRules.Cli;

/// <summary>The <c>netbufrules</c> command line: parses arguments, chains the engine's stages, writes output, picks the exit code.</summary>
public sealed partial class CliApp(CliHost host)
{
    /// <summary>Whether the command that ran ends normally on Ctrl-C or SIGTERM (watch: it prints its summary), rather than being interrupted.</summary>
    public bool SignalsEndNormally { get; private set; }

    /// <summary>Runs one command line and returns its exit code; no exception escapes.</summary>
    public Task<int> RunAsync(string[] args) => RunAsync(args, CancellationToken.None);

    /// <summary>As <see cref="RunAsync(string[])"/>; <paramref name="cancellationToken"/> (Ctrl-C, SIGTERM) stops every probe.</summary>
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            var root = new RootCommand("netbufrules: diagnoses Linux \"No buffer space available\" (ENOBUFS) from YAML playbooks.")
            {
                RunCommand(),
                ExplainCommand(),
                CollectCommand(),
                LintCommand(),
                TestCommand(),
                FixCommand(),
                WatchCommand(),
            };
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var error in parsed.Errors) await host.Error.WriteLineAsync($"netbufrules: {error.Message}").ConfigureAwait(false);
                await host.Error.WriteLineAsync("Try 'netbufrules --help'.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            // Signals are ours (Interrupts): System.CommandLine's own handler would exit on its own timer.
            var configuration = new InvocationConfiguration { Output = host.Out, Error = host.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            // Everything else is a bug, a cancellation nobody asked for included (Ctrl-C and SIGTERM cancel the token above):
            // exit 70 with one line, never the usage code 2 and never "interrupted".
            var crash = CrashReport.Write(e, args);
            var where = crash is null ? "" : $"; details in {crash}";
            await host.Error.WriteLineAsync($"netbufrules: internal error: {Primitives.HostText.Escape(e.GetType().Name + ": " + e.Message)} (a bug in netbufrules, not a verdict; please report it with the command you ran{where})").ConfigureAwait(false);
            return ExitCodes.Internal;
        }
    }

    /// <summary>The policy of this command line: the defaults plus the repository config, once loaded.</summary>
    private Policy.SafetyPolicy _policy = Policy.SafetyPolicy.Default;

    /// <summary>The same '--config' lint has: run, collect and test apply the policy lint checks against.</summary>
    private static Option<string?> ConfigOption() => new("--config") { Description = $"The repository config (default: {LintConfig.FileName} beside the playbooks or in a parent folder)" };

    /// <summary>Loads and validates playbooks under the repository's policy; prints every problem and returns null when any is an error.</summary>
    private async Task<IReadOnlyList<Playbook>?> LoadAsync(IReadOnlyList<string> paths, string? configFile = null)
    {
        if (configFile is not null && !File.Exists(configFile))
        {
            await host.Error.WriteLineAsync($"netbufrules: no such config file: '{configFile}'").ConfigureAwait(false);
            return null;
        }
        var configBag = new DiagnosticBag();
        _policy = LintConfig.Load(configFile ?? LintConfig.Find(paths), configBag);
        var loaded = paths.Count == 0 ? PlaybookLoader.LoadBuiltIn() : PlaybookLoader.Load(paths);
        var diagnostics = configBag.Items.Concat(loaded.Diagnostics).Concat(PlaybookValidator.Validate(loaded.Playbooks, _policy)).ToList();
        foreach (var d in diagnostics) await host.Error.WriteLineAsync(d.ToString()).ConfigureAwait(false);
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        if (errors == 0) return loaded.Playbooks;
        if (diagnostics.Any(d => d.Code != Codes.PathNotFound))
            await host.Error.WriteLineAsync($"netbufrules: {errors} error(s) in playbooks; nothing was run").ConfigureAwait(false);
        return null;
    }
}
