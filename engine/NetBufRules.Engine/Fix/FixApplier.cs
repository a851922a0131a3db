using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using NetBufRules.Evaluate;
using NetBufRules.Report;

namespace NetBufRules.Fix;

/// <summary>
/// Applies fix steps: a backup of each file it replaces, an atomic write, the fix's <c>then</c>, a second diagnosis to
/// verify, and, when any of that fails, a rollback that restores every file and the kernel values the steps changed.
/// </summary>
internal sealed class FixApplier(FixApplyOptions options)
{
    private sealed class Applied(FixStep step)
    {
        public FixStep Step { get; } = step;
        public bool Written { get; set; }
        public string? Backup { get; set; }
        public Dictionary<string, string> KernelBefore { get; } = new(StringComparer.Ordinal);
        public ThenRun? Then { get; set; }
        public bool RolledBack { get; set; }

        public AppliedStep Freeze() => new(Step, Written, Backup, Then, RolledBack);
    }

    /// <summary>
    /// One step of the log, on one line: a finding's reason (a process or cgroup name), a path or a <c>then</c>'s output
    /// carries host text, whose control characters would otherwise recolour the terminal or forge a journal line.
    /// </summary>
    private void Log(string line) => options.Log(Primitives.HostText.Escape(line));

    /// <summary>
    /// Applies <paramref name="steps"/>, one playbook at a time; <paramref name="verify"/> diagnoses again once every
    /// playbook has run. A playbook whose step, <c>then</c> or verification fails is rolled back alone: the others'
    /// fixes stay and are verified on their own (a host-wide rmem_max that a network namespace cannot set had undone a
    /// somaxconn that worked).
    /// </summary>
    public async Task<FixOutcome> ApplyAsync(IReadOnlyList<FixStep> steps, Func<CancellationToken, Task<DiagnosisReport>>? verify, CancellationToken cancellationToken)
    {
        // Robust by construction: whatever a repository config allows, --apply writes only into the built-in places.
        var refused = steps.FirstOrDefault(s => s.Refused is not null || s.ExportOnly is not null || FixPlanner.ExportOnly(s.Fix.Path) is not null);
        if (refused is not null)
            return new FixOutcome([.. steps.Select(s => new AppliedStep(s, false, null, null, false))], FixResult.NothingToDo,
                $"{refused.PlaybookId}: {refused.Refused ?? refused.ExportOnly ?? FixPlanner.ExportOnly(refused.Fix.Path)}; nothing was written", Empty);
        foreach (var s in steps.Where(s => s.Action == FixAction.Unchanged && s.NotHere is null)) Log($"{s.PlaybookId}: {s.Target} already has this content");
        foreach (var g in steps.Where(s => s.NotHere is not null).GroupBy(s => s.PlaybookId, StringComparer.Ordinal))
            Log($"{g.Key}: not applied here: {g.First().NotHere}");
        var todo = steps.Where(s => s.Action != FixAction.Unchanged && s.NotHere is null).ToList();
        if (todo.Count == 0)
        {
            var notHere = steps.FirstOrDefault(s => s.NotHere is not null);
            return new FixOutcome([.. steps.Select(s => new AppliedStep(s, false, null, null, false))], notHere is null ? FixResult.NothingToDo : FixResult.NotHere,
                notHere is null ? null : $"{notHere.PlaybookId}: {notHere.NotHere}; nothing was written", Empty);
        }

        string? backupRoot = null;
        if (todo.Any(s => s.Current is not null))
        {
            try
            {
                backupRoot = NewBackupFolder();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new FixOutcome([.. steps.Select(s => new AppliedStep(s, false, null, null, false))], FixResult.NothingToDo,
                    $"the backup folder {options.BackupDirectory}: {e.Message}; nothing was written", Empty);
            }
        }
        var applied = new List<Applied>();
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var group in todo.GroupBy(s => s.PlaybookId, StringComparer.Ordinal))
        {
            var records = new List<Applied>();
            string? failure = null;
            try
            {
                foreach (var step in group)
                {
                    var i = ++number;
                    var record = new Applied(step);
                    records.Add(record);
                    applied.Add(record);
                    if (step.Current is not null)
                    {
                        record.Backup = Path.Join(backupRoot!, step.Fix.Path);
                        AtomicFile.Copy(step.Target, record.Backup);
                    }
                    if (options.Live && SysctlDropIn.IsSysctlDropIn(step.Fix.Path))
                    {
                        foreach (var (key, _) in SysctlDropIn.Settings(step.Fix.Content))
                            if (SysctlDropIn.ReadRuntime(key) is { } value) record.KernelBefore.TryAdd(key, value);
                    }
                    AtomicFile.Write(step.Target, step.Fix.Content);
                    record.Written = true;
                    Log($"[{i}/{todo.Count}] {step.PlaybookId}: wrote {step.Target} ({(step.Current is null ? "new file" : $"backup {record.Backup}")})");
                    if (!options.Live || step.Fix.Then.Count == 0) continue;
                    record.Then = await RunAsync(step.Fix.Then, cancellationToken).ConfigureAwait(false);
                    Log($"[{i}/{todo.Count}] {step.PlaybookId}: ran {string.Join(' ', step.Fix.Then)}: exit {record.Then.ExitCode}{Tail(record.Then.Output)}");
                    if (record.Then.ExitCode != 0) failure = $"{string.Join(' ', step.Fix.Then)} exited {record.Then.ExitCode}{Tail(record.Then.Output)}";
                    else if (record.KernelBefore.Count > 0) failure = NotTaken(step, record.Then);
                    if (failure is not null) break;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failure = e.Message;
            }
            if (failure is null) continue;
            failures[group.Key] = failure;
            Log($"{group.Key}: failed: {failure}");
            await RollBackAsync(group.Key, records, applied, cancellationToken).ConfigureAwait(false);
        }

        var verified = Empty;
        var standing = todo.Select(s => s.PlaybookId).Distinct(StringComparer.Ordinal).Where(id => !failures.ContainsKey(id)).ToList();
        if (standing.Count > 0 && options.Live && verify is not null)
        {
            IReadOnlyDictionary<string, string> failed;
            (verified, failed) = await VerifyAsync(todo.Where(s => standing.Contains(s.PlaybookId)).ToList(), verify, cancellationToken).ConfigureAwait(false);
            // Rolled back in the reverse order of applying, each playbook's own files only.
            foreach (var id in standing.Where(failed.ContainsKey).Reverse())
            {
                failures[id] = failed[id];
                Log($"{id}: failed: {failed[id]}");
                await RollBackAsync(id, [.. applied.Where(a => a.Step.PlaybookId == id)], applied, cancellationToken).ConfigureAwait(false);
            }
        }
        var frozen = steps.Select(s => applied.FirstOrDefault(a => ReferenceEquals(a.Step, s))?.Freeze() ?? new AppliedStep(s, false, null, null, false)).ToList();
        var kept = standing.Count(id => !failures.ContainsKey(id));
        var result = failures.Count == 0 && !steps.Any(s => s.NotHere is not null) ? FixResult.Applied
            : kept > 0 ? FixResult.PartlyApplied
            : failures.Count > 0 ? FixResult.RolledBack
            : FixResult.NotHere;
        return new FixOutcome(frozen, result, failures.Count == 0 ? null : $"{failures.First().Key}: {failures.First().Value}", verified) { Failures = failures };
    }

    /// <summary>
    /// A new folder for this run's backups, below a backup folder no link leads through: under --root the folders come
    /// from an image someone else may have built, and a planted var -> / (or a folder named for the coming second,
    /// holding etc -> /etc) made root write the image's old files over the host's. Its name has a random part and it is
    /// created here, so nothing in it was planted.
    /// </summary>
    private string NewBackupFolder()
    {
        var full = Path.GetFullPath(options.BackupDirectory);
        var at = "/";
        foreach (var part in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            at = Path.Join(at, part);
            if (new FileInfo(at).LinkTarget is not null) throw new IOException($"{at} is a symbolic link; backups are never written through a link");
            if (File.Exists(at)) throw new IOException($"{at} is not a folder");
        }
        Directory.CreateDirectory(full);
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var folder = Path.Join(full, $"{stamp}-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}");
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else
        {
            if (Path.Exists(folder) || new FileInfo(folder).LinkTarget is not null) throw new IOException($"{folder} exists already");
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        if (new FileInfo(folder).LinkTarget is not null) throw new IOException($"{folder} is a symbolic link; backups are never written through a link");
        return folder;
    }

    /// <summary>
    /// Diagnoses again until every fixed playbook is better (a fired one no longer fires, an advised one is ok) or the
    /// verification time is up: a service restarted by 'then', or one that picks up a setting, needs a moment. Returns
    /// the last verdicts and why each playbook still failing at the end failed.
    /// </summary>
    private async Task<(IReadOnlyDictionary<string, FindingStatus> Verified, IReadOnlyDictionary<string, string> Failed)> VerifyAsync(
        List<FixStep> todo, Func<CancellationToken, Task<DiagnosisReport>> verify, CancellationToken cancellationToken)
    {
        // A limits.d line acts at the next login, a unit's drop-in at its next restart: a process running now keeps its
        // limits, so a new diagnosis cannot show such a fix working, and rolling it back for that would undo the
        // right lever. Those playbooks are said to be unverified, never failed; a sysctl acts at once and is verified.
        var later = todo.GroupBy(s => s.PlaybookId, StringComparer.Ordinal)
            .Where(g => g.All(s => Render.Content.FixTarget.Of(s.Fix.Path, []).Target?.Kind is Render.Content.FixKind.Limits or Render.Content.FixKind.SystemdDropIn))
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var id in later.Order(StringComparer.Ordinal))
            Log($"{id}: its files act at the next login or service restart, which a new diagnosis cannot show now: not verified (restart the process it names, then run netbufrules again)");
        var ids = todo.Select(s => s.PlaybookId).Distinct(StringComparer.Ordinal).Where(id => !later.Contains(id)).ToList();
        var none = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Count == 0) return (Empty, none);
        var deadline = DateTimeOffset.UtcNow + options.VerifyFor;
        for (var attempt = 1; ; attempt++)
        {
            Log($"verifying ({attempt}): diagnosing {string.Join(", ", ids)} again...");
            var after = await verify(cancellationToken).ConfigureAwait(false);
            var verified = after.Results.ToDictionary(r => r.Finding.Playbook.Id, r => r.Status, StringComparer.Ordinal);
            var failed = ids
                .Select(id => (Id: id, Before: todo.First(s => s.PlaybookId == id).Status, After: verified.GetValueOrDefault(id, FindingStatus.Skipped),
                    Reason: after.Results.FirstOrDefault(r => r.Finding.Playbook.Id == id)?.Reason))
                .Where(v => v.After is FindingStatus.Fired or FindingStatus.Error || (v.Before == FindingStatus.Advice && v.After == FindingStatus.Advice))
                .ToDictionary(v => v.Id, v => $"verification failed: {v.Id} is still {StatusWords.Of(v.After)} after the fix ({v.Reason})", StringComparer.Ordinal);
            var good = ids.Where(id => !failed.ContainsKey(id)).ToList();
            if (failed.Count == 0 || DateTimeOffset.UtcNow >= deadline)
            {
                if (good.Count > 0) Log($"verified: {string.Join(", ", good.Select(id => $"{id} is now {StatusWords.Of(verified[id])}"))}");
                return (verified, failed);
            }
            Log($"not yet: {failed.First().Value}");
            await Task.Delay(options.VerifyPause, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Rolls back one playbook's <paramref name="records"/> (its files, and the kernel values its drop-ins changed), in
    /// reverse order. A kernel value that a playbook still applied also sets is left as that playbook made it.
    /// </summary>
    private async Task RollBackAsync(string id, List<Applied> records, List<Applied> all, CancellationToken cancellationToken)
    {
        Log($"{id}: rolling back its files...");
        var held = all.Where(a => a.Step.PlaybookId != id && a.Written && !a.RolledBack)
            .SelectMany(a => SysctlDropIn.Settings(a.Step.Fix.Content).Select(s => SysctlDropIn.NormalKey(s.Key)))
            .ToHashSet(StringComparer.Ordinal);
        for (var i = records.Count - 1; i >= 0; i--)
        {
            var a = records[i];
            if (a.Written)
            {
                if (a.Backup is not null)
                {
                    AtomicFile.Copy(a.Backup, a.Step.Target);
                    Log($"restored {a.Step.Target} from {a.Backup}");
                }
                else
                {
                    File.Delete(a.Step.Target);
                    Log($"removed {a.Step.Target} (it did not exist before)");
                }
            }
            a.RolledBack = true;
            if (a.Then is null) continue;
            if (a.KernelBefore.Count > 0)
            {
                // A sysctl drop-in is applied key by key: put back the exact values the kernel had, whatever the file says.
                foreach (var (key, value) in a.KernelBefore)
                {
                    if (SysctlDropIn.ReadRuntime(key) == value) continue;
                    if (held.Contains(SysctlDropIn.NormalKey(key)))
                    {
                        Log($"{key} left as it is: another fix applied here sets it too");
                        continue;
                    }
                    await File.WriteAllTextAsync(SysctlDropIn.ProcPath(key), value + "\n", cancellationToken).ConfigureAwait(false);
                    Log($"{key} back to {value}");
                }
            }
            else if (a.Written)
            {
                var again = await RunAsync(a.Step.Fix.Then, cancellationToken).ConfigureAwait(false);
                Log($"ran {string.Join(' ', a.Step.Fix.Then)} again: exit {again.ExitCode}{Tail(again.Output)}");
            }
        }
    }

    private async Task<ThenRun> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        // The probes' lookup: a name only, on the system PATH, run only if root alone can write it and its folders.
        var (program, problem) = Policy.ProbePath.Resolve(argv[0], options.ProgramPath);
        if (program is null) return new ThenRun(argv, 127, problem!);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ThenTimeout);
        try
        {
            var result = await Cli.Wrap(program).WithArguments(argv.Skip(1)).WithValidation(CommandResultValidation.None)
                // As a probe runs: nothing of the caller's environment (LD_PRELOAD, SYSTEMD_PAGER, tokens) reaches it.
                .WithEnvironmentVariables(Probe.ProbeEnvironment.Replacing(options.ProgramPath))
                .ExecuteBufferedAsync(timeout.Token).ConfigureAwait(false);
            return new ThenRun(argv, result.ExitCode, (result.StandardOutput + result.StandardError).Trim());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ThenRun(argv, 124, $"timed out after {options.ThenTimeout.TotalSeconds:0} s and was killed");
        }
    }

    /// <summary>
    /// A sysctl drop-in is applied only when the kernel holds its values afterwards: <c>sysctl -p</c> exits 0 even when
    /// the kernel refused a key (seen with procps 4 for a key that is read-only inside a network namespace).
    /// </summary>
    private static string? NotTaken(FixStep step, ThenRun then) => SysctlDropIn.Settings(step.Fix.Content)
        .Where(s => SysctlDropIn.ReadRuntime(s.Key) is { } now && !SysctlDropIn.SameValue(now, s.Value))
        .Select(s => $"{s.Key} is {SysctlDropIn.ReadRuntime(s.Key)} after '{string.Join(' ', then.Argv)}', not {s.Value}: the kernel did not take it{Tail(then.Output)}")
        .FirstOrDefault();

    private static string Tail(string output) =>
        output.Length == 0 ? "" : ": " + string.Join(" / ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));

    private static readonly IReadOnlyDictionary<string, FindingStatus> Empty = new Dictionary<string, FindingStatus>(StringComparer.Ordinal);
}
