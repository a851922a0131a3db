using System.Reflection;
using System.Text.RegularExpressions;
using NetBufRules.Cli;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Cli;

/// <summary>The README's exit-code table documents exactly the codes the tool can exit with.</summary>
public sealed partial class ExitCodeTableTests
{
    [Fact]
    public void The_readme_lists_every_exit_code_and_no_other()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var start = readme.IndexOf("### Exit codes", StringComparison.Ordinal);
        var section = readme[start..readme.IndexOf("\n### ", start + 1, StringComparison.Ordinal)];
        var documented = Row().Matches(section).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var defined = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (int)f.GetRawConstantValue()!).Order().ToList();
        documented.ShouldBe(defined);
    }

    [GeneratedRegex(@"^\| (\d+) \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
