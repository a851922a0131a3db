using System.Globalization;
using System.Text.RegularExpressions;
using NetBufRules.Diagnostics;

namespace NetBufRules.Render.Content;

/// <summary>
/// Reads a fix file line by line as the program that will read it does (systemd-sysctl and sysctl -p, pam_limits,
/// systemd's unit parser) and refuses every line that is not a comment, a blank line or an allowed setting with an
/// allowed value. Violations carry line 0; the caller sets the line.
/// </summary>
internal sealed partial class LineChecker(FixTarget target, Measurements measured, bool rendered)
{
    private bool _inService;
    private readonly Dictionary<string, (long? Soft, long? Hard, int Line)> _limits = new(StringComparer.Ordinal);
    private int _line;

    /// <summary>The problem with one line, or null.</summary>
    public ContentViolation? Line(string line)
    {
        _line++;
        foreach (var c in line)
        {
            if (c != '\t' && InterpolationGuard.Unprintable(c)) return Key($"the line has the control character U+{(int)c:X4}", "a fix file holds printable text only");
        }
        var text = line.Trim(' ', '\t');
        if (text.Length == 0) return null;
        // systemd joins a line ending in '\' with the next one, which would hide the next line inside this one.
        if (text.EndsWith('\\')) return Key("the line ends with '\\' (a continuation line)", "write each setting on one line");
        return target.Kind switch
        {
            FixKind.Sysctl => Sysctl(text),
            FixKind.Limits => Limits(text),
            FixKind.SystemdDropIn => Systemd(text),
            _ => null,
        };
    }

    /// <summary>Problems only the whole file shows: a soft open-files limit above the hard one fails every login.</summary>
    public IEnumerable<ContentViolation> End() =>
        _limits.Where(l => l.Value is { Soft: { } s, Hard: { } h } && s > h).Select(l => new ContentViolation(l.Value.Line, Codes.FixValueNotAllowed,
            $"the soft nofile limit of '{l.Key}' ({l.Value.Soft}) is above its hard limit ({l.Value.Hard}); pam_limits would refuse every login",
            "keep soft <= hard"));

    /// <summary>Checks only the setting's name, for a line whose value is still a template.</summary>
    public ContentViolation? KeyOnly(string prefix)
    {
        var text = prefix.TrimStart(' ', '\t');
        if (text.Length == 0 || text[0] is '#' or ';') return null;
        switch (target.Kind)
        {
            case FixKind.Sysctl or FixKind.SystemdDropIn when text.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq:
                var key = text[..eq].Trim(' ', '\t');
                return target.Kind == FixKind.Sysctl ? SysctlKeyProblem(key) : SystemdKeyProblem(key);
            case FixKind.Limits:
                // A field cut by the template's {{ is not whole yet: check only the whole ones.
                var fields = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                var whole = char.IsWhiteSpace(text[^1]) ? fields : fields[..^1];
                return whole.Length switch { >= 3 => LimitsHead(whole[0], whole[1], whole[2]), 2 => LimitsHead(whole[0], whole[1], null), _ => null };
            default:
                return null;
        }
    }

    private ContentViolation? Sysctl(string text)
    {
        if (text[0] is '#' or ';') return null;
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) return Key($"'{Cut(text)}' is not a 'key = value' line", "a sysctl drop-in holds 'key = value' lines, comments (#) and blank lines");
        var key = text[..eq].Trim(' ', '\t');
        if (SysctlKeyProblem(key) is { } problem) return problem;
        var spec = FixKeys.Sysctls[key];
        var value = text[(eq + 1)..].Trim(' ', '\t');
        var fields = value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == spec.Fields && fields.FirstOrDefault(f => !CanonicalNumber.IsPlainDecimal(f) && CanonicalNumber.Looks(f)) is { } odd)
            return Value($"{key} = {value}: '{Cut(odd)}' is not a plain decimal number{CanonicalNumber.KernelReading(odd)}", CanonicalNumber.Hint);
        if (fields.Length != spec.Fields || !fields.All(CanonicalNumber.IsPlainDecimal))
            return Value($"{key} = '{Cut(value)}' is not {(spec.Fields == 1 ? "an integer" : $"{spec.Fields} integers")}", $"{key} takes {(spec.Fields == 1 ? "one whole number" : $"{spec.Fields} whole numbers separated by spaces")}");
        var numbers = fields.Select(f => decimal.Parse(f, NumberStyles.None, CultureInfo.InvariantCulture)).ToList();
        var current = measured.Sysctls.GetValueOrDefault(key);
        if (current is not null && current.Count != spec.Fields) current = null;
        for (var i = 0; i < numbers.Count; i++)
        {
            var ceiling = Math.Max(spec.Max, current is null ? 0 : (decimal)current[i]);
            if (numbers[i] > ceiling)
                return Value($"{key} = {value}: {Field(spec, i)}{numbers[i]} is above {ceiling}, the most a fix may set for the {spec.Why}", "advise a smaller value; a value already set higher on the host is kept, never refused");
        }
        if (!rendered) return null;
        if (current is null)
            return Value($"the fix sets {key}, but the run did not measure its current value, so it cannot be shown not to lower it",
                $"add a probe 'sysctl: {key}' and write {{{{ max PROBE ADVISED }}}}");
        for (var i = 0; i < numbers.Count; i++)
        {
            if (numbers[i] < (decimal)current[i])
                return Value($"{key} = {value} would lower {Field(spec, i)}the current {string.Join(' ', current.Select(Cell))}", "a fix only raises: write {{ max CURRENT ADVISED }} for each field");
        }
        return null;
    }

    private ContentViolation? SysctlKeyProblem(string key) => FixKeys.Sysctls.ContainsKey(key) ? null
        : Key($"'{Cut(key)}' is not a setting a fix may change", Load.Suggest.Closest(key, FixKeys.Sysctls.Keys) is { } near
            ? $"did you mean '{near}'?"
            : "a sysctl fix may set only buffer, queue and limit settings such as net.core.somaxconn, net.core.rmem_max, net.ipv4.tcp_rmem, fs.file-max (the list: README, 'What a fix can write')");

    private ContentViolation? Limits(string text)
    {
        if (text[0] == '#') return null;
        var fields = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 4) return Key($"'{Cut(text)}' is not a 'domain type item value' line", "for example: *  soft  nofile  65536");
        if (LimitsHead(fields[0], fields[1], fields[2]) is { } problem) return problem;
        if (NofileProblem(fields[3], $"{fields[0]} {fields[1]} nofile ") is { } bad) return bad;
        var value = long.Parse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture);
        if (rendered && LimitsLowers(fields[0], fields[1], value) is { } lowers) return lowers;
        var (soft, hard, _) = _limits.GetValueOrDefault(fields[0]);
        _limits[fields[0]] = (fields[1] is "soft" or "-" ? value : soft, fields[1] is "hard" or "-" ? value : hard, _line);
        return null;
    }

    /// <summary>
    /// A limits.d line sets the limit of every later login of its domain: it must be at least the highest limit of the
    /// processes of that domain now (see <see cref="Measurements.LoginNofile"/>); a domain the run cannot measure (a user
    /// other than root, a group, or no unfiltered processes probe) is refused, since a fix may only raise.
    /// </summary>
    private ContentViolation? LimitsLowers(string domain, string type, long value)
    {
        if (!measured.LoginNofile.TryGetValue(domain, out var now))
            return Value(domain is "*" or "root"
                    ? $"the fix sets the {domain} nofile limit, but the run measured no process of that domain, so it cannot be shown not to lower it"
                    : $"the fix sets the nofile limit of '{domain}', but the run cannot tell which processes are {(domain[0] == '@' ? "that group's" : "that user's")}, so it cannot be shown not to lower it",
                "write the line for * or root, with a probe 'processes: true' (no where) in the playbook, and {{ max ADVISED (maxof PROCESSES \"hard\") }}");
        foreach (var (which, current) in new[] { ("soft", now.Soft), ("hard", now.Hard) })
        {
            if ((type == which || type == "-") && value < current)
                return Value($"{domain} {type} nofile {value} would lower the {which} open-files limit {Cell(current)} that {(domain == "*" ? "processes" : $"{domain}'s processes")} have now",
                    $"a fix only raises: write {{{{ max ADVISED CURRENT }}}}, where CURRENT is the highest {which} limit of the processes outside systemd services");
        }
        return null;
    }

    private ContentViolation? LimitsHead(string domain, string type, string? item)
    {
        if (!Domain().IsMatch(domain))
            return Key($"'{Cut(domain)}' is not a limits domain a fix may write", "use *, a user name or @group (letters, digits, _ and -)");
        if (type is not ("soft" or "hard" or "-"))
            return Key($"'{Cut(type)}' is not a limits type", "use soft, hard or -");
        return item is null || FixKeys.LimitsItems.Contains(item) ? null
            : Key($"'{Cut(item)}' is not a limit a fix may change", "a limits.d fix may set only nofile");
    }

    private ContentViolation? Systemd(string text)
    {
        if (text[0] is '#' or ';') return null;
        if (text[0] == '[')
        {
            _inService = text == "[Service]";
            return _inService ? null : Key($"section '{Cut(text)}' is not allowed", "a drop-in a fix writes has only a [Service] section");
        }
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) return Key($"'{Cut(text)}' is not a 'Key=Value' line", "a drop-in holds [Service], Key=Value lines, comments (#) and blank lines");
        var key = text[..eq].Trim(' ', '\t');
        if (SystemdKeyProblem(key) is { } problem) return problem;
        if (!_inService) return Key($"{key}= comes before the [Service] section", "start the drop-in with [Service]");
        var value = text[(eq + 1)..].Trim(' ', '\t');
        if (key == "LimitNOFILE")
        {
            if (NofileProblem(value, key + "=") is { } bad) return bad;
            if (!rendered) return null;
            if (target.Unit is not { } unit || !measured.ServiceHardNofile.TryGetValue(unit, out var current))
                return Value($"the fix sets LimitNOFILE= for {target.Unit}, but the run measured no process of that unit, so it cannot be shown not to lower its limit (its unit file may set one)",
                    "write the drop-in only for a unit the processes table shows (each: over its rows), with {{ max ADVISED row.hard }}");
            return long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) < current
                ? Value($"LimitNOFILE={value} would lower the hard open-files limit {Cell(current)} that {target.Unit} has now", "write {{ max ADVISED row.hard }}")
                : null;
        }
        if (value == "infinity") return key == "MemoryHigh" && rendered ? MemoryHighProblem() : null;
        var size = Memory().Match(value);
        if (!size.Success && CanonicalNumber.Looks(value.TrimEnd('K', 'M', 'G', 'T')))
            return Value($"{key}={Cut(value)} is not a plain decimal size", CanonicalNumber.Hint);
        if (!size.Success)
            return Value($"{key}={Cut(value)} is not a size", "write bytes with an optional K, M, G or T suffix (1024-based), or infinity; percentages depend on the host and cannot be compared");
        var bytes = decimal.Parse(size.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture) * (size.Groups["unit"].Value switch { "K" => 1L << 10, "M" => 1L << 20, "G" => 1L << 30, "T" => 1L << 40, _ => 1 });
        if (bytes < FixKeys.MinMemory || bytes > FixKeys.MaxMemory)
            return Value($"{key}={value} is outside {FixKeys.MinMemory >> 20}M..{FixKeys.MaxMemory >> 40}T", "a fix raises a service's memory limit; below 256M it would cap the service instead, and infinity lifts the limit");
        if (!rendered) return null;
        return key == "MemoryMax" ? MemoryMaxProblem(value, bytes) : MemoryHighProblem();
    }

    /// <summary>MemoryHigh= throttles a service above it, and no probe measures the unit's memory.high: unknown is refused.</summary>
    private ContentViolation MemoryHighProblem() =>
        Value($"the fix sets MemoryHigh= for {target.Unit}, but the run does not measure a unit's memory.high, so it cannot be shown not to lower it (a lower MemoryHigh throttles the service)",
            "raise MemoryMax= instead (measured from the unit's memory.max), or leave MemoryHigh to the operator");

    /// <summary>MemoryMax= must be at least the limit the unit's cgroup has now, which the run must have read (as a sysctl must).</summary>
    private ContentViolation? MemoryMaxProblem(string value, decimal bytes)
    {
        if (target.Unit is not { } unit || !measured.ServiceMemoryMax.TryGetValue(unit, out var current))
            return Value($"the fix sets MemoryMax= for {target.Unit}, but the run did not measure the unit's current memory limit, so it cannot be shown not to lower it",
                "add a probe run for each unit ('each') that reads its cgroup's memory.max into a 'memory_max' column beside 'unit', and write {{ max CURRENT ADVISED }}");
        return (double)bytes < current
            ? Value($"MemoryMax={value} would lower the memory limit {(double.IsPositiveInfinity(current) ? "max (none)" : Cell(current))} that {unit} has now", "a fix only raises: write {{ max CURRENT ADVISED }}, and no file when the limit is already higher")
            : null;
    }

    private ContentViolation? SystemdKeyProblem(string key) => FixKeys.SystemdKeys.Contains(key) ? null
        : Key($"'{Cut(key)}' is not a setting a fix may write", $"a systemd drop-in a fix writes may set only {string.Join(", ", FixKeys.SystemdKeys)} in [Service]");

    private ContentViolation? NofileProblem(string value, string what)
    {
        if (!CanonicalNumber.IsPlainDecimal(value))
            return CanonicalNumber.Looks(value)
                ? Value($"{what}'{Cut(value)}' is not a plain decimal number", CanonicalNumber.Hint)
                : Value($"{what}'{Cut(value)}' is not an integer", "an open-files limit is one whole number");
        var number = decimal.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        var ceiling = measured.NrOpen;
        if (number > ceiling)
            return Value($"{what}{value} is above fs.nr_open ({ceiling}{(measured.Sysctls.ContainsKey("fs.nr_open") ? "" : ceiling == FixKeys.DefaultNrOpen ? ", the kernel default; the playbook does not measure it" : ", at least, as a process's hard limit shows")}): every login or start of the service would fail",
                "keep it at or below fs.nr_open (a probe 'sysctl: fs.nr_open' lets a fix use the host's own value)");
        return number < FixKeys.MinNofile ? Value($"{what}{value} is below {FixKeys.MinNofile}, the kernel's default soft limit", "a fix only raises the open-files limit") : null;
    }

    private static string Field(SysctlKey spec, int i) => spec.Fields == 1 ? "" : $"field {i + 1} ";

    private static string Cell(double d) => d.ToString("0", CultureInfo.InvariantCulture);

    private static ContentViolation Key(string message, string hint) => new(0, Codes.FixKeyNotAllowed, message, hint);

    private static ContentViolation Value(string message, string hint) => new(0, Codes.FixValueNotAllowed, message, hint);

    private static string Cut(string text) => text.Length <= 60 ? text : text[..60] + "...";

    [GeneratedRegex(@"^(?:\*|@?[a-z_][a-z0-9_-]{0,31})$", RegexOptions.CultureInvariant)]
    private static partial Regex Domain();

    [GeneratedRegex(@"^(?<n>0|[1-9][0-9]{0,15})(?<unit>[KMGT]?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Memory();
}
