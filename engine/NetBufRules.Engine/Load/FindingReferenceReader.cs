using System.Text.RegularExpressions;
using NetBufRules.Diagnostics;
using NetBufRules.Model;

namespace NetBufRules.Load;

/// <summary>Reads <c>explained_by: [id, ...]</c>: playbook ids, each kept with its place for the cross-finding checks.</summary>
internal static partial class FindingReferenceReader
{
    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    /// <summary>The ids listed under <paramref name="node"/> (none when it is absent); a malformed id is a diagnostic.</summary>
    public static IReadOnlyList<FindingReference> Read(NodeReader r, YamlNode? node)
    {
        var list = r.List(node, "'explained_by'");
        var result = new List<FindingReference>();
        foreach (var item in list?.Items ?? [])
        {
            if (r.Scalar(item, "each item of 'explained_by'") is not { } scalar) continue;
            if (!IdPattern().IsMatch(scalar.Value))
                r.Diagnostics.Error(scalar.Position, Codes.InvalidValue, $"'{scalar.Value}' in 'explained_by' is not a playbook id", "name playbooks by id, e.g. [nic-drops, xfrm-policy]");
            else
                result.Add(new FindingReference(scalar.Value, scalar.Position));
        }
        return result;
    }
}
