using NetBufRules.Packs;

namespace NetBufRules.Tests.Packs;

/// <summary>Id globs for --only/--skip/disable and path globs for exclude.</summary>
public sealed class GlobTests
{
    [Theory]
    [InlineData("tcp-*", "tcp-backlog", true)]
    [InlineData("tcp-*", "udp-datagram-too-large", false)]
    [InlineData("*-drops", "nic-drops", true)]
    [InlineData("tcp-?emory", "tcp-memory", true)]
    [InlineData("tcp-backlog", "tcp-backlog-team", false)]
    [InlineData("tcp.backlog", "tcp-backlog", false)]
    public void An_id_glob_matches_the_whole_id(string pattern, string id, bool matches) =>
        Glob.Of(pattern).IsMatch(id).ShouldBe(matches);

    [Theory]
    [InlineData("tests", "tests/NetBufRules.Tests/Golden/load/x.yaml", true)]
    [InlineData("tests", "playbooks/tests.yaml", false)]
    [InlineData("**/*.draft.yaml", "playbooks/next.draft.yaml", true)]
    [InlineData("**/*.draft.yaml", "next.draft.yaml", true)]
    [InlineData("vendor/*", "vendor/a/b.yaml", true)]
    [InlineData("*.yaml", "playbooks/a.yaml", false)]
    public void A_path_glob_matches_the_path_or_a_folder_it_lies_in(string pattern, string path, bool matches) =>
        Glob.Of(pattern).MatchesPathOrParent(path).ShouldBe(matches);
}
