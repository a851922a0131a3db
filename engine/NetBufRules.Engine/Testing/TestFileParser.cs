using NetBufRules.Diagnostics;
using NetBufRules.Load;

namespace NetBufRules.Testing;

/// <summary>Reads <c>*.test.yaml</c> files: every problem with its place, like playbooks.</summary>
internal static class TestFileParser
{
    /// <summary>The statuses a test may expect.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["fired", "advice", "ok", "skipped", "error"];

    private static readonly string[] FileKeys = ["playbook", "tests"];
    private static readonly string[] CaseKeys = ["name", "snapshot", "probes", "sources", "set", "expect", "findings"];
    private static readonly string[] ExpectKeys = ["status", "reason_contains", "reason_not_contains", "evidence", "fix_contains", "fix_not_contains", "fixes"];

    /// <summary>Whether <paramref name="path"/> is a playbook test file.</summary>
    public static bool IsTestFile(string path) =>
        path.EndsWith(".test.yaml", StringComparison.Ordinal) || path.EndsWith(".test.yml", StringComparison.Ordinal);

    /// <summary>Every test file under <paramref name="paths"/> (folders recursively, or named files), in a stable order.</summary>
    public static IEnumerable<string> Find(IEnumerable<string> paths) =>
        paths.SelectMany(p => Directory.Exists(p)
                ? Primitives.InputFile.CheckFolder(p) is not null ? [] : PlaybookLoader.FilesUnder(p).Where(IsTestFile)
                : IsTestFile(p) && File.Exists(p) ? [p] : [])
            .Order(StringComparer.Ordinal);

    /// <summary>Reads and parses <paramref name="file"/>: only a regular file, at most the YAML size limit.</summary>
    public static IReadOnlyList<PlaybookTest> ParseFile(string file, DiagnosticBag diagnostics)
    {
        string text;
        try
        {
            text = Primitives.BoundedFile.ReadText(file, Primitives.Limits.YamlFileBytes);
        }
        catch (Primitives.BoundedFileException e)
        {
            diagnostics.Error(new SourcePosition(file, 1, 1), InputFileCode.Of(e), e.Message, "a test file is a small YAML text file");
            return [];
        }
        return Parse(file, text, diagnostics);
    }

    public static IReadOnlyList<PlaybookTest> Parse(string file, string text, DiagnosticBag diagnostics)
    {
        var root = YamlTreeReader.Read(file, text, diagnostics);
        if (root is null) return [];
        var r = new NodeReader(text.Split('\n'), diagnostics);
        var map = r.Map(root, "a test file");
        if (map is null) return [];
        r.CheckKeys(map, "the test file", FileKeys);
        var name = Path.GetFileName(file);
        var playbook = r.String(map["playbook"], "'playbook'") ?? name[..name.IndexOf(".test.", StringComparison.Ordinal)];
        var list = r.List(map["tests"], "'tests'");
        if (list is null)
        {
            diagnostics.Error(map.Position, Codes.MissingKey, "the test file has no 'tests'", "add 'tests:' with a list of cases");
            return [];
        }
        var result = new List<PlaybookTest>();
        foreach (var item in list.Items)
        {
            var c = r.Map(item, "a test case");
            if (c is null) continue;
            r.CheckKeys(c, "a test case", CaseKeys);
            var caseName = r.RequiredString(c, "name", "a test case");
            var snapshot = r.String(c["snapshot"], "'snapshot'");
            if (snapshot is not null)
                snapshot = CaseSources.Snapshot(file, snapshot, c["snapshot"]!.Position, diagnostics);
            foreach (var (key, value) in (c["set"] as YamlMap)?.Entries ?? [])
            {
                if (value is YamlScalar s && NodeReader.IsNonFiniteNumber(s))
                    diagnostics.Error(s.Position, Codes.InvalidValue, $"set '{key.Value}' is '{s.Value}', not a finite number", "NaN and infinities are never thresholds");
            }
            var expectMap = r.Map(c["expect"], "'expect'");
            if (expectMap is null)
            {
                diagnostics.Error(c.Position, Codes.MissingKey, $"test '{caseName}' has no 'expect'", "add 'expect: { status: fired }'");
                continue;
            }
            r.CheckKeys(expectMap, "'expect'", ExpectKeys);
            var status = r.Scalar(expectMap["status"], "'status'");
            if (status is not null && !Statuses.Contains(status.Value))
                diagnostics.Error(status.Position, Codes.InvalidValue, $"unknown status '{status.Value}'", Suggest.Hint(status.Value, Statuses));
            var fixes = expectMap["fixes"] is null ? (int?)null : r.Int(expectMap["fixes"], "'fixes'", 0);
            result.Add(new PlaybookTest(
                file, playbook, caseName, snapshot,
                CaseSources.Outputs(r, c["probes"], "'probes'"),
                CaseSources.Outputs(r, c["sources"], "'sources'"),
                Scalars(r, c["set"]),
                new TestExpectation(status?.Value, OneOrMany(r, expectMap["reason_contains"]), OneOrMany(r, expectMap["reason_not_contains"]),
                    Scalars(r, expectMap["evidence"]), OneOrMany(r, expectMap["fix_contains"]), fixes)
                { FixNotContains = OneOrMany(r, expectMap["fix_not_contains"]) },
                c.Position)
            {
                Findings = TestFindings.Read(r, c["findings"]),
                ProbeFailures = CaseSources.Failures(r, c["probes"]),
                SourceFailures = CaseSources.Failures(r, c["sources"]),
                Places = Places(c),
            });
        }
        return result;
    }

    /// <summary>Where each name under the case's <c>probes</c>, <c>sources</c> and <c>set</c> stands.</summary>
    private static Dictionary<(string Section, string Name), SourcePosition> Places(YamlMap c)
    {
        var places = new Dictionary<(string Section, string Name), SourcePosition>();
        foreach (var section in (string[])["probes", "sources", "set"])
        {
            foreach (var (key, _) in (c[section] as YamlMap)?.Entries ?? [])
                places.TryAdd((section, key.Value), key.Position);
        }
        return places;
    }

    private static Dictionary<string, string> Scalars(NodeReader r, YamlNode? node)
    {
        var map = r.Map(node, "a map of values");
        return (map?.Entries ?? []).ToDictionary(e => e.Key.Value, e => r.String(e.Value, $"'{e.Key.Value}'") ?? "", StringComparer.Ordinal);
    }

    private static IReadOnlyList<string> OneOrMany(NodeReader r, YamlNode? node) =>
        node switch { null => [], YamlList => r.Strings(node, "a list of texts"), _ => [r.String(node, "a text") ?? ""] };
}
