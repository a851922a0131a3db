using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using NetBufRules.Diagnostics;
using NetBufRules.Load;
using NetBufRules.Primitives;
using NetBufRules.Testing;

namespace NetBufRules.Cli;

internal sealed partial class CliApp
{
    private Command TestCommand()
    {
        var selection = new SetOptions("the current folder");
        var format = new Option<string>("--format", "-f") { Description = "text or junit", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "junit");
        var requireTests = new Option<bool>("--require-tests") { Description = "A playbook without tests is a failure" };
        var command = new Command("test", "Run playbook test files: given probe outputs, expect a status, evidence, reason or fix") { format, requireTests };
        selection.AddTo(command);
        command.SetAction(async (result, token) =>
        {
            var loaded = await LoadSetAsync(result.GetValue(selection.Paths) ?? [], result.GetValue(selection.Config), selection.Selection(result), selection.IsStrict(result), builtInWhenNoPath: false).ConfigureAwait(false);
            if (loaded is null) return ExitCodes.Usage;
            var playbooks = loaded.Playbooks;
            var bag = new DiagnosticBag();
            var tests = new List<PlaybookTest>();
            foreach (var file in loaded.TestFiles)
                tests.AddRange(TestFileParser.ParseFile(file, bag));
            var ids = playbooks.ToDictionary(p => p.Id, StringComparer.Ordinal);
            var everyId = loaded.LoadedIds;
            foreach (var t in tests.Where(t => !everyId.Contains(t.PlaybookId)).DistinctBy(t => t.File))
                bag.Error(new SourcePosition(t.File, 1, 1), Codes.UnknownIdentifier, $"tests for '{t.PlaybookId}', which is not a loaded playbook", Suggest.Hint(t.PlaybookId, [.. everyId]));
            // Tests of a playbook the selection left out are not run.
            tests.RemoveAll(t => !ids.ContainsKey(t.PlaybookId));
            foreach (var t in tests) TestReferences.Check(t, ids[t.PlaybookId], bag);
            if (bag.HasErrors)
            {
                foreach (var d in bag.Sorted()) await host.Error.WriteLineAsync(d.ToString()).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var outcomes = new List<TestOutcome>();
            foreach (var t in tests) outcomes.Add(await PlaybookTestRunner.RunAsync(t, ids[t.PlaybookId], _policy, token).ConfigureAwait(false));
            var untested = playbooks.Select(p => p.Id).Where(id => tests.All(t => t.PlaybookId != id)).Order(StringComparer.Ordinal).ToList();
            var required = result.GetValue(requireTests);
            await host.Out.WriteAsync(result.GetValue(format) == "junit" ? JUnit(outcomes, required ? untested : []) : TestText(outcomes, untested, required)).ConfigureAwait(false);
            return outcomes.All(o => o.Passed) && (!required || untested.Count == 0) ? ExitCodes.Ok : ExitCodes.Fired;
        });
        return command;
    }

    private static string TestText(IReadOnlyList<TestOutcome> outcomes, IReadOnlyList<string> untested, bool required)
    {
        var sb = new StringBuilder();
        foreach (var o in outcomes)
        {
            // Names and actual values (reasons, evidence) may hold anything: each stays on its own line, made visible.
            sb.Append(o.Passed ? "PASS " : "FAIL ").Append(Primitives.HostText.Escape($"{o.Test.PlaybookId}: {o.Test.Name}")).Append('\n');
            // A failure continues on lines indented by six spaces (expected, then actual); only those breaks stay.
            foreach (var f in o.Failures)
                sb.Append(string.Join("\n      ", $"    {o.Test.Position}: {f}".Split("\n      ").Select(Primitives.HostText.Escape))).Append('\n');
        }
        var passed = outcomes.Count(o => o.Passed);
        sb.Append($"{passed} passed, {outcomes.Count - passed} failed\n");
        if (untested.Count > 0)
            sb.Append($"{(required ? "error" : "note")}: playbooks without tests: {string.Join(", ", untested)}\n");
        return sb.ToString();
    }

    private static string JUnit(IReadOnlyList<TestOutcome> outcomes, IReadOnlyList<string> untested)
    {
        var suites = new XElement("testsuites");
        foreach (var group in outcomes.GroupBy(o => o.Test.PlaybookId))
        {
            var suite = new XElement("testsuite",
                new XAttribute("name", Xml(group.Key)),
                new XAttribute("tests", group.Count()),
                new XAttribute("failures", group.Count(o => !o.Passed)),
                new XAttribute("time", group.Sum(o => o.Duration.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture)));
            foreach (var o in group)
            {
                var testcase = new XElement("testcase",
                    new XAttribute("classname", Xml(o.Test.PlaybookId)),
                    new XAttribute("name", Xml(o.Test.Name)),
                    new XAttribute("file", Xml(o.Test.File)),
                    new XAttribute("time", o.Duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)));
                if (!o.Passed)
                    testcase.Add(new XElement("failure", new XAttribute("message", Xml(o.Failures[0].Split('\n')[0])), Xml(string.Join("\n", o.Failures), keepNewlines: true)));
                suite.Add(testcase);
            }
            suites.Add(suite);
        }
        foreach (var id in untested)
        {
            suites.Add(new XElement("testsuite", new XAttribute("name", id), new XAttribute("tests", 1), new XAttribute("failures", 1),
                new XElement("testcase", new XAttribute("classname", id), new XAttribute("name", "has tests"),
                    new XElement("failure", new XAttribute("message", $"playbook {id} has no tests")))));
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites).ToString() + "\n";
    }

    /// <summary>
    /// Text XML can hold: a process name or a test name may carry control characters (an ESC sequence) or a lone
    /// surrogate, which XML 1.0 cannot represent at all (the writer threw, exit 70); written as visible escapes.
    /// </summary>
    private static string Xml(string text, bool keepNewlines = false)
    {
        var escaped = keepNewlines ? HostText.EscapeLines(text) : HostText.Escape(text);
        var sb = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (System.Xml.XmlConvert.IsXmlChar(c)) sb.Append(c);
            else if (i + 1 < escaped.Length && char.IsSurrogatePair(c, escaped[i + 1])) sb.Append(c).Append(escaped[++i]);
            else sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
