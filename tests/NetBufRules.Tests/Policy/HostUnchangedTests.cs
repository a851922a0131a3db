using NetBufRules.Tests.EndToEnd;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Policy;

/// <summary>
/// `run` on the folder of hostile playbooks changes nothing: the state each of them aims at (sysctls, links, qdiscs,
/// sockets, limits, files) is compared before and after. Only what they would change is compared, so other processes
/// on the machine cannot make this fail.
/// </summary>
[Collection("network namespaces")]
public sealed class HostUnchangedTests
{
    private static string Hostile => Path.Combine(Repo.Golden, "hostile");

    private static string Sh(params string[] argv)
    {
        try
        {
            return NetworkNamespace.Run(argv);
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    /// <summary>What the hostile playbooks aim at.</summary>
    private static Dictionary<string, string> State() => new(StringComparer.Ordinal)
    {
        ["somaxconn"] = File.ReadAllText("/proc/sys/net/core/somaxconn"),
        ["lo"] = Sh("ip", "-o", "link", "show", "lo"),
        ["qdisc lo"] = Sh("tc", "qdisc", "show", "dev", "lo"),
        ["limits of pid 1"] = File.ReadAllText("/proc/1/limits"),
        ["pwned"] = File.Exists("/tmp/pwned").ToString(),
        ["evil.conf"] = File.Exists("/tmp/evil.conf").ToString(),
        ["out"] = File.Exists("/tmp/out").ToString(),
        ["shadow"] = File.Exists("/etc/shadow") ? File.GetLastWriteTimeUtc("/etc/shadow").ToString("O") : "none",
        ["journal"] = Directory.Exists("/var/log/journal") ? string.Join(",", Directory.GetFiles("/var/log/journal", "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)) : "none",
        ["netns nbr-h1-x"] = Sh("ip", "netns", "list").Contains("nbr-h1-x ", StringComparison.Ordinal).ToString(),
    };

    [Fact]
    public async Task Running_the_hostile_folder_exits_2_runs_nothing_and_changes_nothing()
    {
        var before = State();
        var (code, output, error) = await CliRunner.Run("run", Hostile, "--interval", "0");
        var after = State();
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain("nothing was run");
        after.ShouldBe(before);
    }
}
