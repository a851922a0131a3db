using System.CommandLine;
using System.Globalization;
using NetBufRules.Evaluate;
using NetBufRules.Fix;
using NetBufRules.Model;
using NetBufRules.Params;
using NetBufRules.Pipeline;
using NetBufRules.Probe;
using NetBufRules.Report;

namespace NetBufRules.Cli;

internal sealed partial class CliApp
{
    private Command FixCommand()
    {
        var selection = new SetOptions("the built-in pack");
        var apply = new Option<bool>("--apply") { Description = "Write the files, run each fix's 'then', diagnose again to verify, and roll back if anything fails" };
        var root = new Option<string?>("--root") { Description = "Write under this folder instead of / (an image being built): no 'then', no verification" };
        var write = new Option<string?>("--write") { Description = "Only export the files under this folder (for configuration management); nothing on the host changes" };
        var backups = new Option<string?>("--backup-dir") { Description = "Where replaced files are kept (default: /var/backups/netbufrules under the root)" };
        var format = new Option<string>("--format", "-f") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var set = new Option<string[]>("--set") { Description = "Override a param: name=value or playbook-id.name=value", AllowMultipleArgumentsPerToken = false };
        var values = new Option<string[]>("--values") { Description = "A YAML file of param overrides" };
        var verifyFor = new Option<double>("--verify-for") { Description = "Seconds the verification may diagnose again before the fix is rolled back (0 to 600)", DefaultValueFactory = _ => 15 };
        var interval = new Option<double>("--interval") { Description = "Counter sampling window in seconds (0 to 60)", DefaultValueFactory = _ => ProbeRunOptions.DefaultInterval.TotalSeconds };
        var command = new Command("fix", "Diagnose, show each fix as a diff against the host's files, and with --apply write, verify and roll back")
        {
            apply, root, write, backups, format, set, values, interval, verifyFor,
        };
        selection.AddTo(command);
        command.SetAction(async (result, token) =>
        {
            var seconds = result.GetValue(interval);
            var rootDir = result.GetValue(root);
            var exportDir = result.GetValue(write);
            if (seconds is < 0 or > 60 || double.IsNaN(seconds))
                return await UsageAsync($"--interval {seconds.ToString(CultureInfo.InvariantCulture)} is out of range (0 to 60 seconds)").ConfigureAwait(false);
            if (result.GetValue(verifyFor) is < 0 or > 600 or double.NaN)
                return await UsageAsync("--verify-for is out of range (0 to 600 seconds)").ConfigureAwait(false);
            if (exportDir is not null && (result.GetValue(apply) || rootDir is not null))
                return await UsageAsync("--write exports the files only; it does not go with --apply or --root").ConfigureAwait(false);
            if (result.GetValue(apply) && rootDir is null && !Environment.IsPrivilegedProcess)
                return await UsageAsync("fix --apply changes the host's configuration and needs root; use --root DIR to write under a folder, or --write DIR to export the files").ConfigureAwait(false);
            // The playbooks' own mistakes come first (exit 2 with every diagnostic), then the folders.
            if (await LoadWithOverridesAsync(selection, result, values, set).ConfigureAwait(false) is not (var playbooks, var overrides)) return ExitCodes.Usage;
            // A missing folder is a usage error, never created: a mistyped --write would otherwise fill a new folder unnoticed.
            foreach (var (name, dir) in new[] { ("--root", rootDir), ("--write", exportDir) })
            {
                if (dir is not null && !Directory.Exists(dir))
                    return await UsageAsync($"{name} '{dir}' is not a folder (create it first)").ConfigureAwait(false);
            }
            // Under / these would change the host without a backup, a 'then' or a verification: that is --apply's job.
            foreach (var (name, dir) in new[] { ("--root", rootDir), ("--write", exportDir) })
            {
                if (dir is not null && Path.GetFullPath(new DirectoryInfo(dir).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir).TrimEnd('/').Length == 0)
                    return await UsageAsync($"{name} / would change this host without a backup or a verification; use --apply (root) to fix this host").ConfigureAwait(false);
                // The same folder by another path (a bind mount of '/', a linked etc/sysctl.d) is the host too.
                if (dir is not null && HostRootGuard.Problem(dir, _policy.AllowedFixDirectories) is { } same)
                    return await UsageAsync($"{name} {dir} would change this host without a backup or a verification: {same}; use --apply (root) to fix this host").ConfigureAwait(false);
            }

            var options = new ProbeRunOptions(TimeSpan.FromSeconds(seconds)) { Policy = _policy };
            Task<DiagnosisReport> Diagnose(IReadOnlyList<Playbook> which, CancellationToken t) =>
                DiagnosisPipeline.RunAsync(which, overrides, host.Reader(), options, host.Host(), t);
            var report = await Diagnose(playbooks, token).ConfigureAwait(false);
            var live = rootDir is null && exportDir is null;
            var steps = FixPlanner.Plan(report, exportDir ?? rootDir, live ? SysctlDropIn.ReadRuntime : null, _policy);
            var json = result.GetValue(format) == "json";
            var log = new List<string>();
            // One line each, host text (a reason's process name) escaped once: it cannot forge another line or recolour the
            // terminal. The applier's lines come escaped (FixApplier.Log); escaping them again would double their backslashes.
            void Said(string escaped)
            {
                log.Add(escaped);
                if (!json) host.Out.WriteLine(escaped);
            }
            void Say(string line) => Said(Primitives.HostText.Escape(line));

            if (!json) await host.Out.WriteAsync(FixTextWriter.Plan(report, steps, exportDir is not null || rootDir is not null)).ConfigureAwait(false);
            var mode = exportDir is not null ? "write" : result.GetValue(apply) ? "apply" : "plan";
            // A finding whose fix the content check refused (an error, no fix rendered) is a refusal too: --apply writes
            // none of the run's fixes then, and --write exits 4, as for a step refused here.
            var refusedAtRender = report.Results
                .Where(r => r.Status == FindingStatus.Error && r.Reason.Contains(": fix refused (", StringComparison.Ordinal))
                .Select(r => $"{r.Finding.Playbook.Id}: {r.Reason}")
                .FirstOrDefault();
            FixOutcome? outcome = null;
            // A plan under --root read as if the files were there ("then: ... not run: the files go under a folder").
            if (mode == "plan" && steps.Any(s => s.Refused is null))
                Say($"This is the plan: nothing was written. --apply writes it {(rootDir is null ? "onto this host (with backups, 'then' and a verification)" : $"under {rootDir}")}; --write DIR exports the files.");
            if (mode == "write")
            {
                foreach (var step in steps.Where(s => s.Refused is null))
                {
                    try
                    {
                        AtomicFile.Write(step.Target, step.Fix.Content);
                        Say($"exported {step.Target}");
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        await host.Error.WriteLineAsync($"netbufrules: cannot export {step.Target}: {e.Message}").ConfigureAwait(false);
                        return ExitCodes.RolledBack;
                    }
                }
            }
            else if (mode == "apply")
            {
                var backupDir = result.GetValue(backups) ?? Path.Join(rootDir ?? "/", "var/backups/netbufrules");
                // Backups are written by path like the fixes: into a folder no one else could swap for a link.
                if (Primitives.FolderTrust.ProblemOfNearest(backupDir) is { } untrusted)
                    return await UsageAsync($"--backup-dir {untrusted}").ConfigureAwait(false);
                var fixedIds = steps.Select(s => s.PlaybookId).ToHashSet(StringComparer.Ordinal);
                var applier = new FixApplier(new FixApplyOptions(rootDir, backupDir, Said) { VerifyFor = TimeSpan.FromSeconds(result.GetValue(verifyFor)) });
                outcome = refusedAtRender is not null
                    ? new FixOutcome([.. steps.Select(s => new AppliedStep(s, false, null, null, false))], FixResult.NothingToDo, $"{refusedAtRender}; nothing was written", new Dictionary<string, FindingStatus>())
                    : await applier.ApplyAsync(steps, t => Diagnose([.. playbooks.Where(p => fixedIds.Contains(p.Id))], t), token).ConfigureAwait(false);
                if (outcome.Result == FixResult.NothingToDo && outcome.Failure is not null) Say($"refused: {outcome.Failure}");
                if (outcome.Result == FixResult.RolledBack && outcome.Failures.Count == 1) Say($"fix failed and was rolled back: {outcome.Failure}");
                else if (outcome.Result is FixResult.RolledBack or FixResult.PartlyApplied or FixResult.NotHere)
                {
                    // Each playbook's fix stands or falls on its own: say which are on the host now, which were not
                    // attempted from here and which were rolled back.
                    if (outcome.AppliedIds.Count > 0) Say($"applied: {string.Join(", ", outcome.AppliedIds)}");
                    foreach (var (id, why) in outcome.NotHereIds) Say($"not applied here: {id}: {why}");
                    foreach (var (id, why) in outcome.Failures) Say($"failed and rolled back: {id}: {why}");
                }
            }
            if (json) await host.Out.WriteAsync(FixJsonWriter.Write(report, steps, mode, outcome, log)).ConfigureAwait(false);
            return outcome switch
            {
                { Result: FixResult.RolledBack or FixResult.PartlyApplied or FixResult.NotHere } => ExitCodes.RolledBack,
                { Result: FixResult.NothingToDo, Failure: not null } => ExitCodes.RolledBack,
                not null => ExitCodes.Ok,
                null when mode == "write" => steps.Any(s => s.Refused is not null) || refusedAtRender is not null ? ExitCodes.RolledBack : ExitCodes.Ok,
                _ => report.AnyFired ? ExitCodes.Fired : ExitCodes.Ok,
            };
        });
        return command;
    }

    private async Task<int> UsageAsync(string message)
    {
        await host.Error.WriteLineAsync($"netbufrules: {message}").ConfigureAwait(false);
        return ExitCodes.Usage;
    }
}
