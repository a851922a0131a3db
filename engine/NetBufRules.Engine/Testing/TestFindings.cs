using NetBufRules.Diagnostics;
using NetBufRules.Evaluate;
using NetBufRules.Load;

namespace NetBufRules.Testing;

/// <summary>
/// A test case's <c>findings: {nic-drops: fired, xfrm-policy: skipped}</c>: tests run one playbook at a time, so the
/// verdicts of the findings it reads are stated; a finding the case does not state counts as not loaded.
/// </summary>
internal static class TestFindings
{
    /// <summary>Reads the map, checking each status.</summary>
    public static IReadOnlyDictionary<string, string> Read(NodeReader r, YamlNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in r.Map(node, "'findings'")?.Entries ?? [])
        {
            var status = r.Scalar(value, $"the status of '{key.Value}'");
            if (status is null) continue;
            if (!TestFileParser.Statuses.Contains(status.Value))
                r.Diagnostics.Error(status.Position, Codes.InvalidValue, $"unknown status '{status.Value}' for finding '{key.Value}'", Suggest.Hint(status.Value, TestFileParser.Statuses));
            else
                result[key.Value] = status.Value;
        }
        return result;
    }

    /// <summary>The board a case starts from: each stated finding with its status and "stated by the test" as its reason.</summary>
    public static FindingBoard Board(PlaybookTest test) =>
        new(test.Findings.Select(f => new FindingVerdict(f.Key, Enum.Parse<FindingStatus>(f.Value, ignoreCase: true), $"stated by the test as {f.Value}")));
}
