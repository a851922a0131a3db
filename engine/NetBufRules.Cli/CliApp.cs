using System.CommandLine;
using NetBufRules.Diagnostics;
using NetBufRules.Lint;
using NetBufRules.Load;
using NetBufRules.Model;
using NetBufRules.Packs;
using NetBufRules.Validate;

namespace NetBufRules.Cli;

/// <summary>The <c>netbufrules</c> command line: parses arguments, chains the engine's stages, writes output, picks the exit code.</summary>
internal sealed partial class CliApp(CliHost host)
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
                ListCommand(),
                DocsCommand(),
            };
            var parsed = root.Parse(args);
            var unknown = UnknownOptions.Of(parsed, args);
            if (parsed.Errors.Count > 0 || unknown.Count > 0)
            {
                foreach (var error in parsed.Errors) await host.Error.WriteLineAsync($"netbufrules: {UsageWords.Plain(error.Message)}").ConfigureAwait(false);
                foreach (var error in unknown) await host.Error.WriteLineAsync($"netbufrules: {error}").ConfigureAwait(false);
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

    /// <summary>The playbook set of this command line, once loaded: every command runs what it holds.</summary>
    private PlaybookSet? _set;

    /// <summary>Loads and validates playbooks under the repository's policy; prints every problem and returns null when any is an error.</summary>
    private async Task<IReadOnlyList<Playbook>?> LoadAsync(IReadOnlyList<string> paths, string? configFile = null) =>
        (await LoadSetAsync(paths, configFile, PlaybookSelection.All).ConfigureAwait(false))?.Playbooks;

    /// <summary>
    /// Loads, validates and compiles the set once under the repository's policy and the selection; prints every
    /// problem and returns null when any is an error (or, with <paramref name="strict"/>, a warning).
    /// </summary>
    private async Task<PlaybookSet?> LoadSetAsync(IReadOnlyList<string> paths, string? configFile, PlaybookSelection selection, bool strict = false, bool builtInWhenNoPath = true)
    {
        if (configFile is not null && !File.Exists(configFile))
        {
            await host.Error.WriteLineAsync($"netbufrules: no such config file: '{configFile}'").ConfigureAwait(false);
            return null;
        }
        var set = PlaybookSet.Load(new PlaybookSetOptions
        {
            Paths = paths,
            ConfigFile = configFile,
            Selection = selection,
            BuiltInWhenNoPath = builtInWhenNoPath,
            EngineVersion = ToolVersion.Current,
        });
        _set = set;
        _policy = set.Policy;
        foreach (var d in set.Diagnostics) await host.Error.WriteLineAsync(d.ToString()).ConfigureAwait(false);
        var errors = set.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error || (strict && d.Severity == DiagnosticSeverity.Warning));
        if (errors == 0) return set;
        // A missing path or a pack needing a newer engine says everything in its one line.
        if (set.Diagnostics.Any(d => d.Code is not Codes.PathNotFound and not Codes.EngineTooOld))
            await host.Error.WriteLineAsync($"netbufrules: {errors} error(s) in playbooks; nothing was run").ConfigureAwait(false);
        return null;
    }
}
