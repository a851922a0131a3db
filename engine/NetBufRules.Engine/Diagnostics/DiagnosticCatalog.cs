using static NetBufRules.Diagnostics.DiagnosticSeverity;

namespace NetBufRules.Diagnostics;

/// <summary>
/// Every diagnostic code once: its id, default severity, title (the README's diagnostics table) and help (lint's
/// SARIF rules). A new code is a constant in <see cref="Codes"/>, one line here and one row in the README's table;
/// DiagnosticCatalogTests fails until all three agree.
/// </summary>
internal static class DiagnosticCatalog
{
    /// <summary>The codes in id order.</summary>
    public static IReadOnlyList<DiagnosticCode> All { get; } = [.. new DiagnosticCode[]
    {
        new(Codes.YamlSyntax, Error, "YAML syntax", "The file is not valid YAML: check indentation, colons and quotes."),
        new(Codes.DuplicateKey, Error, "duplicate key", "A key appears twice in one map; YAML would silently keep only one."),
        new(Codes.UnknownKey, Error, "unknown key (with \"did you mean\")", "A key the playbook format does not have; usually a typo."),
        new(Codes.WrongType, Error, "wrong type", "A value of the wrong kind (a list where a map is expected, text where a number is)."),
        new(Codes.MissingKey, Error, "missing key", "A required key is missing."),
        new(Codes.InvalidValue, Error, "invalid value (apiVersion, id, severity, timeout, path, extractor)", "A value outside what the format allows (apiVersion, id, severity, timeout, path, extractor)."),
        new(Codes.DuplicateId, Error, "duplicate playbook id", "Two playbooks share an id; ids must be unique across everything loaded."),
        new(Codes.CannotRead, Error, "a file or folder that cannot be read: no permission, a name that is not valid UTF-8, a path longer than the system allows", "A playbook file or a folder to scan could not be read; the message says why (permission, an undecodable name, a path too long)."),
        new(Codes.MetricNameClash, Error, "two declared metrics, or one and a family of the tool's own, give the same Prometheus name (`rt-a` with `b_c` and `rt-a-b` with `c` are both `netbufrules_rt_a_b_c`)", "Two declared metrics, or one and a family of the tool's own, give the same netbufrules_* name; Prometheus would refuse the whole file."),
        new(Codes.NoPlaybooks, Error, "folder without playbooks", "A folder holds no playbooks."),
        new(Codes.PathNotFound, Error, "path not found", "A path does not exist."),
        new(Codes.ExpressionSyntax, Error, "condition syntax (at its column inside the YAML)", "A condition is not valid NCalc."),
        new(Codes.UnknownIdentifier, Error, "unknown identifier", "A condition names something that is neither a probe nor a param."),
        new(Codes.UnknownFunction, Error, "unknown function", "A condition calls a function the engine does not provide."),
        new(Codes.WrongArgumentCount, Error, "wrong argument count", "A function is called with the wrong number of arguments."),
        new(Codes.TemplateSyntax, Error, "template syntax", "A message or fix template is not valid Scriban."),
        new(Codes.UnsafeCommand, Error, "unsafe probe command (a shell or interpreter, a path, not in the allowlist, or an argument outside the tool's read-only grammar; at the argument, with the nearest allowed form)", "A probe runs a shell or interpreter, a path, a program outside the allowlist, or arguments outside its tool's read-only grammar."),
        new(Codes.UnsafeFixPath, Error, "fix path outside the allowed places, relative or with `..`", "A fix writes outside /etc/sysctl.d, /etc/security/limits.d or /etc/systemd/system, or uses a relative path or '..'."),
        new(Codes.BadRegex, Error, "invalid regex", "A regex does not compile."),
        new(Codes.UnusedProbe, Warning, "probe never used", "A probe is never used; it still costs a read on every host."),
        new(Codes.UnusedParam, Warning, "param never used", "A param is never used."),
        new(Codes.MissingProse, Warning, "no summary or no why", "A playbook without a summary or a why leaves the reader guessing."),
        new(Codes.UnknownSeeAlso, Warning, "see_also names an unknown playbook", "see_also names a playbook that is not loaded."),
        new(Codes.TemplateDryRun, Error, "a template fails on a dry run (undefined name, bad call)", "A template fails when rendered with the probes' shapes (an undefined name, a wrong call)."),
        new(Codes.SchemaViolation, Error, "schemas/playbook.schema.json violated", "The playbook does not satisfy schemas/playbook.schema.json."),
        new(Codes.BadConfig, Error, "`.netbufrules.yaml` allows what cannot be allowed", "The repository's .netbufrules.yaml allows something that cannot be allowed."),
        new(Codes.ForbiddenFileSource, Error, "forbidden file source (outside /proc and /sys, not canonical, or a secret or side-effecting read)", "A file source outside /proc and /sys, not canonical, not a regular file, or a secret or side-effecting read (/proc/kmsg, a process's environ, mem, cmdline, root, cwd or fd, debugfs, tracefs)."),
        new(Codes.BadToolGrammar, Error, "`.netbufrules.yaml` tool grammar: a tool without forms, a form that does not parse, or a built-in tool changed", "The repository's .netbufrules.yaml declares a tool without a grammar, with a form that does not parse, or changes a built-in tool."),
        new(Codes.FixFileNotAllowed, Error, "a fix writes a file that is not an allowed drop-in (a unit file, a `.wants/` link, a non-service unit's drop-in, not `NAME.conf`)", "A fix writes a file that is not a drop-in of an allowed kind (sysctl.d, limits.d, a service's .d/*.conf): never a unit file."),
        new(Codes.FixKeyNotAllowed, Error, "a fix line that is not allowed: a setting outside the list, another section, a malformed or continued line, a control character", "A fix's line is not an allowed setting (a key outside the list, another section, a malformed or control-character line)."),
        new(Codes.FixValueNotAllowed, Error, "a fix value that is not a number in bounds, or lowers (or was not measured to show it does not lower) the current value", "A fix's value is not a number in bounds, or would lower the current value the run measured."),
        new(Codes.FixThenNotAllowed, Error, "a fix's `then` that is not `[sysctl, -p, THE_FIX_PATH]` or `[systemctl, daemon-reload]` for its own kind of file", "A fix's 'then' is not [sysctl, -p, THE_FILE] or [systemctl, daemon-reload] for its own file."),
        new(Codes.UnsafeInterpolation, Error, "an interpolated value with a control character, or a path value that is not one name (a run-time `error` finding)", "A value interpolated into a fix holds a control character, or into a path something other than one name."),
        new(Codes.FileTooLarge, Error, "a playbook, test or values file over 1 MiB, or not a regular file", "A playbook, test or values file is larger than 1 MiB, or not a regular file (a device, FIFO or socket)."),
        new(Codes.YamlTooDeep, Error, "YAML nested more than 40 levels (aliases included)", "YAML nested more than 40 levels deep (aliases included)."),
        new(Codes.AliasExpansion, Error, "a YAML document of more than 10,000 nodes, aliases expanded", "The YAML document has more than 10,000 nodes once its aliases are expanded (an alias bomb, or a file far larger than any playbook)."),
        new(Codes.ExpressionTooLarge, Error, "a condition over 4,096 characters or nesting parentheses over 32 deep", "A condition longer than 4,096 characters or with parentheses nested more than 32 deep."),
        new(Codes.TemplateTooLarge, Error, "a template over 64 KiB", "A template longer than 64 KiB."),
        new(Codes.SymlinkNotFollowed, Warning, "a symlink a folder scan did not follow", "A folder scan passed over a symlinked folder, or a symlinked file whose target is outside the folder."),
        new(Codes.DropReasonsIgnores, Warning, "a `drop_reasons` probe sets `counter`, `key` or `extract`, which it ignores", "A drop_reasons probe sets 'counter', 'key' or 'extract', which it ignores: it gives its own table over the sampling window."),
        new(Codes.FindingCycle, Error, "findings read each other's verdicts (`explained_by`, `fired()`) in a cycle, or one reads its own", "Findings read each other's verdicts (explained_by, fired()) in a cycle, or one reads its own."),
        new(Codes.FindingNotLoaded, Warning, "`explained_by` or `fired()` names a playbook that is not loaded (lint only: a team may run a subset; the finding lists it as \"not loaded\")", "explained_by or fired() names a playbook that is not loaded; it counts as not checked."),
        new(Codes.BadFindingReference, Error, "`fired()` without one quoted playbook id, or `explained()` in a playbook without `explained_by`", "fired() without one quoted playbook id, or explained() in a playbook without explained_by."),
        new(Codes.TitleReadsAsVerdict, Warning, "a title that reads as a verdict (\"reached\", \"exhausted\", \"too small\", \"dropping\", ... outside quotes): beside `[OK]` it says the opposite", "Name the cause in the title (\"TCP memory limits\"), not a verdict: beside [OK] a verdict title says the opposite."),
        new(Codes.DanglingColon, Warning, "a message, `ok` sentence or fix that writes a list (`{{ for x in T }}`, `{{ join T ... }}`) straight after a colon with no `if` on `T` around it (a message's own condition naming `T` counts): an empty table would leave \"...:\"", "Guard the list with {{ if T }} ... {{ end }} or word the sentence so an empty table leaves no colon with nothing after it."),
        new(Codes.BadPackManifest, Error, "a `pack.yaml` mistake: unknown key, no name, a version that is not semver, an engine requirement that does not parse, a tests/snapshots folder outside the pack", "A pack's pack.yaml has an unknown key, no name, a version that is not semver, an engine requirement that does not parse, or a tests/snapshots folder outside the pack."),
        new(Codes.EngineTooOld, Error, "a pack whose `engine` requirement excludes this netbufrules (refused whole, exit 2)", "A pack's 'engine' requirement excludes this netbufrules: the pack is refused whole."),
        new(Codes.ValuesNotLoaded, Warning, "a values file names a playbook or param nothing loaded has (an error with `--strict`)", "A values file names a playbook (or a param) that no loaded playbook has; a warning, an error under --strict."),
        new(Codes.SelectionMatchesNothing, Warning, "an `--only`, `--skip` or `disable` glob, or a `--tags` tag, matches no loaded playbook", "An --only, --skip or disable glob, or a --tags tag, matches no loaded playbook."),
        new(Codes.ExtendsUnknownBase, Error, "`extends:` names no playbook loaded or built in", "Name a playbook of a pack loaded with this one, or of the built-in pack (netbufrules list builtin)."),
        new(Codes.ExtendsCycle, Error, "`extends:` leads back to the playbook (a cycle)", "A playbook cannot extend itself, directly or through others: extend the base instead."),
        new(Codes.ExtendsDropsMissing, Error, "`drop:` names something the base does not have", "Drop only what the base has (a signal by its name or condition, a fix by its path, a probe, param or metric by its name)."),
        new(Codes.ExtendsUnknownParam, Error, "an extending playbook sets a param its base does not have, and nothing it adds uses it", "Set only params the base declares, or use the new param in a signal, message or fix you add."),
        new(Codes.ExtendsChangesProbe, Error, "an extending playbook redefines one of its base's probes", "A base's probes stay as the base defines them (its conditions and never-lower checks read them): add a probe under a new name."),
        new(Codes.ExtendsDroppedReference, Error, "a text still reads a probe or param that `drop:` removes", "Drop what still reads it too, or keep the probe or param."),
        new(Codes.ExtendsTwice, Error, "two playbooks extend the same base and both keep its id", "One playbook per id may keep a base's id: merge the two, or give one a new 'id' so it runs beside the base."),
        new(Codes.SnapshotOutsidePack, Warning, "a test's snapshot lies outside its pack (a copy of the pack would lose it)", "Copy the snapshot into the pack's snapshots folder (pack.yaml 'snapshots:') so the pack's tests travel with it."),
        new(Codes.WhereCycle, Error, "probes' `where` filters read each other in a cycle (at the name in a `where` that reads the next probe of the cycle, naming the cycle)", "Probes' 'where' filters read each other in a cycle, so no order gives their rows: break the cycle by filtering one of them on its own columns."),
        new(Codes.NoCondition, Error, "a playbook with `when: []` and no `advise_when`: it can never fire or advise", "A playbook with 'when: []' and no 'advise_when' can never fire or advise: add a condition, or an advise_when for an advice-only playbook."),
        new(Codes.TextParamAsNumber, Error, "a param whose value is text used as a number in a condition or `where`: compared with a number, in arithmetic, or passed to max/min/ratio/abs", "NCalc turns the text into a number at run time and fails, so the finding would be an error on every host: give the param a number (unquoted), or compare it with text."),
        new(Codes.UntrustedConfig, Error, "a `.netbufrules.yaml` found beside the playbooks (not named with `--config`) that others could have written: not a regular file, owned by neither root nor the user running netbufrules, writable by group or others, or in a folder others can write (not sticky)", "An auto-discovered .netbufrules.yaml widens what probes may run, so it is used only when it is a regular file owned by root or by the user running netbufrules, not writable by group or others, and no folder from the scanned path up to / is writable by others without the sticky bit; fix the owner or mode, or name the file with --config."),
        new(Codes.InputFileRefused, Error, "an input file (playbook, test, snapshot, values, config, `pack.yaml`) under /proc, /sys or /dev once links are resolved, reached through a link to a file not everyone may read, or a config or `pack.yaml` that is a symlink: never opened", "An input file that is a kernel or device file (under /proc, /sys or /dev, or on a kernel filesystem), a link to a file not everyone may read (/etc/shadow, a key), or a .netbufrules.yaml or pack.yaml that is a symbolic link, is refused without being opened: reading it could block, consume the kernel log, or show another file's lines in messages and CI logs."),
    }.OrderBy(c => c.Id, StringComparer.Ordinal)];

    private static readonly Dictionary<string, DiagnosticCode> ById = All.ToDictionary(c => c.Id, StringComparer.Ordinal);

    /// <summary>The entry for <paramref name="id"/>, or null for a code nobody catalogued.</summary>
    public static DiagnosticCode? Find(string id) => ById.GetValueOrDefault(id);
}
